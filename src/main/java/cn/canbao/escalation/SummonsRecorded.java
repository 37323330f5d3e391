package cn.canbao.escalation;

import java.util.Date;

/** What the recorded summons sets for the process: when the plan is due, when the rectification is re-checked. */
public record SummonsRecorded(Date planDue, Date rectificationDeadline) {}
