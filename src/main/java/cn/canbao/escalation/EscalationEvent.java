package cn.canbao.escalation;

import java.time.Instant;

/**
 * One step in a case's history: OPENED, SUMMONED, PLAN_SUBMITTED, PLAN_OVERDUE, RECHECKED, RESOLVED,
 * ESCALATED, REPORTED; {@code detail} is what was entered or decided.
 */
public record EscalationEvent(long id, long caseId, String event, String detail, String actor, Instant at) {}
