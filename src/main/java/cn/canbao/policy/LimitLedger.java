package cn.canbao.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts, year by year from the year the place adopted the mechanism, the raises and reductions of a
 * person's serious-illness maximum (大病保险最高支付限额) up to the assessed scheme year, the assessed year counted
 * as enrolled (what paying would give). The amounts and the 20% bounds are the rule set's and the decisions'
 * (CapAdjustment in processes/policy-rules.dmn); this only counts, in the documents' words (二(三)):
 * <ul>
 * <li>"自2025年起，对连续参加居民医保满4年的参保人员，之后每连续参保1年，提高1次大病保险最高支付限额，连续参保年数自参加2025年度
 * 居民医保起计算" — the 5th, 6th … year of an unbroken run since the mechanism's first year is one raise each;</li>
 * <li>"对当年基金零报销的居民医保参保人员，次年提高大病保险最高支付限额" — an enrolled year without reimbursement raises
 * the next year, if enrolled;</li>
 * <li>"居民发生大病报销并使用奖励额度后，前期积累的零报销激励额度清零" — a claim that used reward quota clears the
 * zero-reimbursement raises only (those for continuity stay);</li>
 * <li>"断保之后再次参保的，连续参保年数重新计算，且每断保1年，降低1次大病保险最高支付限额，断保年数自2025年起计算" — each year
 * without cover since the first year (and since birth) is one reduction and restarts the run. Raises earned
 * before a break are not taken back: the documents say the run restarts, nothing more.</li>
 * </ul>
 *
 * @param continuityRaises   raises for continuity
 * @param zeroClaimRaises    raises for years without reimbursement, not cleared by a claim
 * @param reductions         years of break since the mechanism's first year
 * @param steps              what each year did, in order, for the person file
 */
public record LimitLedger(int continuityRaises, int zeroClaimRaises, int reductions, List<Step> steps) {

    /** The documents' threshold: "连续参加居民医保满4年". */
    static final int CONTINUITY_YEARS = 4;

    public LimitLedger {
        steps = List.copyOf(steps);
    }

    /** One year's event: a message key under {@code policy.step.} with its arguments (the year first). */
    public record Step(int year, String key, List<Object> args) {
        public Step {
            args = List.copyOf(args);
        }
    }

    /** What the claims data says of an enrolled year. */
    public enum ClaimYear {
        /** no reimbursement from the fund that year (零报销) */
        ZERO,
        /** reimbursed without touching reward quota */
        CLAIMED,
        /** a serious-illness claim used reward quota (使用奖励额度) */
        USED_REWARD
    }

    /**
     * @param from        the year the mechanism took effect in the place
     * @param year        the scheme year assessed (counted as enrolled)
     * @param firstYear   the first year that can count: the later of {@code from} and the year of birth
     * @param covered     the years the person was covered (any scheme, not paid back late)
     * @param claims      per enrolled year what the claims data says; a year absent is unknown and raises nothing
     */
    public static LimitLedger count(
            int from, int year, int firstYear, Set<Integer> covered, Map<Integer, ClaimYear> claims) {
        int run = 0;
        int continuity = 0;
        int zeroClaim = 0;
        int reductions = 0;
        List<Step> steps = new ArrayList<>();
        for (int y = Math.max(from, firstYear); y <= year; y++) {
            boolean enrolled = y == year || covered.contains(y);
            if (!enrolled) {
                run = 0;
                reductions++;
                steps.add(new Step(y, "break", List.of(y, reductions)));
                continue;
            }
            run++;
            if (run > CONTINUITY_YEARS) {
                continuity++;
                steps.add(new Step(y, "continuity", List.of(y, run)));
            }
            int last = y - 1;
            if (last >= from && last >= firstYear && covered.contains(last) && claims.get(last) == ClaimYear.ZERO) {
                zeroClaim++;
                steps.add(new Step(y, "zeroClaim", List.of(y, last)));
            }
            if (y < year && claims.get(y) == ClaimYear.USED_REWARD && zeroClaim > 0) {
                steps.add(new Step(y, "zeroClaimCleared", List.of(y, zeroClaim)));
                zeroClaim = 0;
            }
        }
        return new LimitLedger(continuity, zeroClaim, reductions, steps);
    }
}
