package cn.canbao.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.quota.process.TargetVariables;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApportionmentTest {

    @Test
    void partsAreProportionalAndAddUpExactly() {
        int[] parts = Apportionment.split(100, new int[] {1, 1, 1});
        assertThat(parts).containsExactly(34, 33, 33);
        assertThat(Apportionment.split(10, new int[] {5, 3, 2})).containsExactly(5, 3, 2);
        assertThat(Apportionment.split(7, new int[] {5, 3, 2})).containsExactly(4, 2, 1);
    }

    @Test
    void largestRemaindersGetTheExtraUnits() {
        // 13 over 3:5:2 → 3.9, 6.5, 2.6: floors 3, 6, 2 = 11; remainders .9 and .6 get the two units
        assertThat(Apportionment.split(13, new int[] {3, 5, 2})).containsExactly(4, 6, 3);
    }

    @Test
    void withoutWeightsTheSplitIsEven() {
        assertThat(Apportionment.split(5, new int[] {0, 0, 0})).containsExactly(2, 2, 1);
        assertThat(Apportionment.split(5, new int[0])).isEmpty();
    }

    @Test
    void countyScaleNumbersDoNotOverflow() {
        int[] weights = new int[22];
        Arrays.fill(weights, 1_500_000);
        int[] parts = Apportionment.split(35_470, weights);
        assertThat(Arrays.stream(parts).sum()).isEqualTo(35_470);
        assertThat(Arrays.stream(parts).allMatch(p -> p == 1612 || p == 1613)).isTrue();
    }

    @Test
    void targetVariablesRoundTripAndRefuseWhatIsNotAMapOfNumbers() {
        String json = TargetVariables.toJson(Map.of("350525101001", 12));
        assertThat(TargetVariables.parse(json)).containsEntry("350525101001", 12);
        assertThatThrownBy(() -> TargetVariables.parse("{\"350525101001\": \"twelve\"}"))
                .isInstanceOfSatisfying(
                        TargetException.class, e -> assertThat(e.messageKey()).isEqualTo("targets.badVariable"));
        assertThatThrownBy(() -> TargetVariables.parse(null))
                .isInstanceOfSatisfying(
                        TargetException.class, e -> assertThat(e.messageKey()).isEqualTo("targets.missingVariable"));
    }
}
