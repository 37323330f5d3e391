package cn.canbao.browser;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.CanbaoClock;
import cn.canbao.bulletin.BulletinPublished;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.escalation.EscalationCase;
import cn.canbao.escalation.EscalationRule;
import cn.canbao.escalation.EscalationService;
import cn.canbao.escalation.EscalationStatus;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The county leader sees the county's lagging rule with who last changed it on 约谈整改, opens the proposed summons of
 * the township at the bottom from 我的任务 and waives it with a reason: the case is closed as waived, nobody summoned.
 */
@CanbaoIntegrationTest
class EscalationBrowserIT extends BrowserTestBase {

    @Autowired
    EscalationService escalations;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ApplicationEventPublisher events;

    private Campaign campaign;

    @AfterEach
    void deleteProcesses() {
        testCampaigns.endAll(campaign);
    }

    @Test
    void theCountyLeaderWaivesAProposedSummonsWithAReason() throws Exception {
        String leader = security.ensureUser("county.leader.escalation.ui", COUNTY, Role.COUNTY_LEADER);
        List<Region> townships =
                SystemAccess.call(() -> regions.descendantsAtLevel(COUNTY, RegionLevel.TOWNSHIP)).stream()
                        .sorted((a, b) -> a.code().compareTo(b.code()))
                        .toList();
        LocalDate today = LocalDate.now(CanbaoClock.DEFAULT_ZONE);
        campaign = testCampaigns.start(
                leader, NewCampaign.of("约谈浏览器测试行动", 2052, COUNTY, today.minusDays(20), today.plusDays(40)));
        // the county's rule: only the last place of the ranking lags, one bulletin is enough
        security.as(
                leader,
                () -> escalations.saveRule(new EscalationRule(
                        COUNTY,
                        1,
                        null,
                        null,
                        EscalationRule.Combine.ANY,
                        1,
                        7,
                        3,
                        List.of(RegionLevel.CITY),
                        null,
                        null)));
        Region last = townships.get(5);
        List<String> ranking = new ArrayList<>(townships.stream()
                .map(Region::code)
                .filter(c -> !c.equals(last.code()))
                .toList());
        ranking.add(last.code());
        Long bulletin = jdbc.queryForObject(
                "insert into bulletin (campaign_id, number, period_end, status, published_at, "
                        + "published_by) values (?, 1, ?, 'PUBLISHED', now(), ?) returning id",
                Long.class,
                campaign.id(),
                today.minusDays(1),
                leader);
        for (int i = 0; i < ranking.size(); i++) {
            BigDecimal completion = BigDecimal.valueOf(100 - i);
            jdbc.update(
                    "insert into bulletin_row (bulletin_id, township_code, rank, target, enrolled, completion, "
                            + "coverage_rate, expected_completion, reports_due, reports_late, reports_missing, band) "
                            + "values (?,?,?,100,?,?,?,30,0,0,0,'GREEN')",
                    bulletin,
                    ranking.get(i),
                    i + 1,
                    100 - i,
                    completion,
                    completion);
        }
        events.publishEvent(new BulletinPublished(campaign.id(), bulletin));
        EscalationCase proposed =
                security.as(leader, () -> escalations.cases(campaign.id())).get(0);
        assertThat(proposed)
                .extracting(EscalationCase::townshipCode, EscalationCase::status)
                .containsExactly(last.code(), EscalationStatus.PROPOSED);

        try (Browser browser = desk()) {
            browser.login(leader);
            browser.open("/escalations/" + campaign.id());
            browser.waitFor(d -> !d.findElements(By.id("escalation-rule")).isEmpty());
            browser.settle();
            String page = browser.js("return document.body.innerText");
            assertThat(page).contains("滞后判定与整改规则（本县）", last.name(), "待决定是否约谈");
            // the rule is folded away until opened
            browser.driver()
                    .findElement(By.cssSelector("#escalation-rule vaadin-details-summary"))
                    .click();
            browser.settle();
            String history = browser.waitFor(d -> {
                String cells = browser.js(
                        "return Array.from(document.querySelectorAll('#rule-history vaadin-grid-cell-content'))"
                                + ".map(c => c.textContent).join('|')");
                return cells.contains(leader) ? cells : null;
            });
            assertThat(history).contains(leader, "排名后1位（满足任一条件即滞后）；连续1期");

            browser.open("/tasks");
            // the card of this campaign's proposal: the county leader's list may hold other campaigns' (as a real one
            // does, a county runs a campaign a year), and the card names its campaign
            WebElement card = browser.waitFor(d -> d.findElements(By.className("task-card")).stream()
                    .filter(c -> c.getText().contains("是否约谈（" + last.name() + "）")
                            && c.getText().contains(campaign.name()))
                    .findFirst()
                    .orElse(null));
            card.findElement(By.className("task-open")).click();
            browser.waitFor(d -> !d.findElements(By.id("proposal-decision")).isEmpty());
            browser.settle();
            browser.js("Array.from(document.querySelectorAll('#proposal-decision vaadin-radio-button'))"
                    + ".find(b => b.textContent.includes('免予约谈')).click()");
            browser.settle();
            browser.screenshot("summons-proposal");
            browser.waitFor(d -> d.findElements(By.cssSelector("#proposal-reason textarea")).stream()
                            .findFirst()
                            .orElse(null))
                    .sendKeys("该镇已专题部署，暂不约谈");
            browser.settle();
            browser.driver().findElement(By.id("escalation-submit")).click();
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/tasks"));
        }
        EscalationCase waived = security.as(leader, () -> escalations.get(proposed.id()));
        assertThat(waived)
                .extracting(EscalationCase::status, EscalationCase::waiveReason, EscalationCase::summonsDate)
                .containsExactly(EscalationStatus.WAIVED, "该镇已专题部署，暂不约谈", null);
        assertThat(waived.open()).isFalse();
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(proposed.processInstanceId())
                        .count())
                .isZero();
    }
}
