package cn.canbao.outreach;

import cn.canbao.policy.PolicyService;
import cn.canbao.register.RegisterCandidates.Resident;
import cn.canbao.register.person.HouseholdRelation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A household's reminder (issue 16: "one SMS to the household contact lists the members still to pay"): who is
 * listed — by relation to the head, never by name —, the sum of their shares, and where the text goes.
 */
final class Household {

    /** {@code {members}} of a resident reminded alone. */
    static final String SELF = "本人";

    private Household() {}

    /** The members still to pay, head first, by relation: "户主、配偶、长子共3人". */
    static String members(List<Resident> open) {
        return open.stream()
                        .map(r -> HouseholdRelation.said(r.householdRelation()))
                        .collect(Collectors.joining("、")) + "共" + open.size() + "人";
    }

    /**
     * Where the household's text goes: the head (户主) when they can be texted — a contact even when insured —, else
     * the first member still to pay who can, else the first member (the outbox records why it cannot send).
     */
    static Resident contact(List<Resident> open, Optional<Resident> head) {
        if (head.isPresent() && head.get().canText()) {
            return head.get();
        }
        return open.stream().filter(Resident::canText).findFirst().orElse(open.get(0));
    }

    /** What the household pays: each member's share, as their own reminder would state it. */
    static BigDecimal sum(List<PolicyService.Reminder> figures) {
        return figures.stream().map(PolicyService.Reminder::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The consequence the text states: the members' own sentence when they share it; members whose rules differ
     * (a newborn is exempt, a long break waits longer) get the neutral sentence rather than one that is wrong for some.
     */
    static String consequence(List<PolicyService.Reminder> figures, String neutral) {
        List<String> distinct = figures.stream()
                .map(PolicyService.Reminder::consequence)
                .distinct()
                .toList();
        return distinct.size() == 1 ? distinct.get(0) : neutral;
    }
}
