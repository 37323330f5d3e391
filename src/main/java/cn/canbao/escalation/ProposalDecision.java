package cn.canbao.escalation;

import cn.canbao.base.Translatable;

/** The county leader's answer to a proposed summons: summon (确认约谈), waive it with a reason (免予约谈), or postpone it. */
public enum ProposalDecision implements Translatable {
    CONFIRM,
    WAIVE,
    POSTPONE;

    @Override
    public String messageKey() {
        return "escalation.decision." + name();
    }
}
