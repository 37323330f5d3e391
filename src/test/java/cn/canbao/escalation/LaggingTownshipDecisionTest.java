package cn.canbao.escalation;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.InputStream;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of processes/lagging-township.dmn on a standalone DMN engine: ranking, progress line, reasons. */
class LaggingTownshipDecisionTest {

    private static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static final DmnDecision DECISION = parse();

    @Test
    void theBottomThreeOfTwentyTwoLag() {
        for (int rank = 20; rank <= 22; rank++) {
            assertThat(decide(rank, 22, 3, "80", "50", "0").lagging()).as("rank %d", rank).isTrue();
        }
        assertThat(decide(20, 22, 3, "80", "50", "0").reason()).isEqualTo("排名后3位");
        // rank 19 of 22 is fourth from the bottom: not lagging with bottomN 3, lagging with bottomN 4
        assertThat(decide(19, 22, 3, "80", "50", "0").lagging()).isFalse();
        assertThat(decide(19, 22, 4, "80", "50", "0")).isEqualTo(new Verdict(true, "排名后4位"));
        assertThat(decide(1, 22, 3, "80", "50", "0")).isEqualTo(new Verdict(false, null));
    }

    @Test
    void belowTheProgressLineByMoreThanTheToleranceLags() {
        assertThat(decide(5, 22, 3, "40.30", "45.50", "0")).isEqualTo(new Verdict(true, "低于进度线5.20个百分点"));
        assertThat(decide(5, 22, 3, "40.30", "45.50", "5")).isEqualTo(new Verdict(true, "低于进度线5.20个百分点"));
        assertThat(decide(5, 22, 3, "40.30", "45.50", "6").lagging()).isFalse();
        // exactly the tolerance below the line is not more than the tolerance
        assertThat(decide(5, 22, 3, "40.5", "45.5", "5").lagging()).isFalse();
    }

    @Test
    void exactlyOnTheLineDoesNotLag() {
        assertThat(decide(10, 22, 3, "45.50", "45.50", "0")).isEqualTo(new Verdict(false, null));
        assertThat(decide(10, 22, 3, "45.51", "45.50", "0").lagging()).isFalse();
        assertThat(decide(10, 22, 3, "45.49", "45.50", "0")).isEqualTo(new Verdict(true, "低于进度线0.01个百分点"));
    }

    @Test
    void bottomNZeroDisablesTheRankingRule() {
        assertThat(decide(22, 22, 0, "80", "50", "0")).isEqualTo(new Verdict(false, null));
        assertThat(decide(22, 22, 0, "30", "50", "0")).isEqualTo(new Verdict(true, "低于进度线20.00个百分点"));
    }

    @Test
    void bothRulesNameBothReasons() {
        assertThat(decide(22, 22, 3, "12.25", "50", "0")).isEqualTo(new Verdict(true, "排名后3位，低于进度线37.75个百分点"));
    }

    private static Verdict decide(int rank, int count, int bottomN, String completion, String expected, String tolerance) {
        DmnDecisionResultEntries result = ENGINE.evaluateDecision(DECISION, Variables.createVariables()
                .putValue("rank", rank).putValue("townshipCount", count).putValue("bottomN", bottomN)
                .putValue("completion", new BigDecimal(completion)).putValue("expectedCompletion", new BigDecimal(expected))
                .putValue("tolerancePoints", new BigDecimal(tolerance))).getSingleResult();
        // the on-track rule leaves the reason empty: no entry at all
        Object reason = result.getEntryMap().get("reason");
        return new Verdict(result.getEntry("lagging"), reason == null || reason.toString().isEmpty() ? null : reason.toString());
    }

    private static DmnDecision parse() {
        try (InputStream in = new FileInputStream("processes/lagging-township.dmn")) {
            return ENGINE.parseDecision("LaggingTownship", in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Verdict(boolean lagging, String reason) {
    }
}
