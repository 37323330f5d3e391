package cn.canbao.escalation;

import java.time.Instant;

/** One change of a county's escalation rule: the values as saved, who saved them, when. */
public record EscalationRuleChange(String setting, String changedBy, Instant changedAt) {
}
