package cn.canbao.outreach.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.campaign.CampaignService;
import cn.canbao.outreach.ContactMethod;
import cn.canbao.outreach.OutreachException;
import cn.canbao.outreach.OutreachService;
import cn.canbao.outreach.OutreachSettings;
import cn.canbao.outreach.VisitOutcome;
import cn.canbao.outreach.VisitReport;
import cn.canbao.register.person.NotEnrolledReason;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.SystemAccess;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VisitResident}: the case is the process's business key (never the writable {@code caseId}
 * variable). On create the task gets its due date and the case shows the visit as due; on
 * complete the visit is recorded from the task's variables — whether the visit form, Tasklist or REST completes
 * it — and an incomplete report is refused (the task stays open). A promise sets {@code promisedBy}, the end of
 * the promised day, which the process waits for before the next visit.
 */
@Component("visitResident")
class VisitResidentListener implements TaskListener {

    private final OutreachService outreach;
    private final OutreachSettings settings;
    private final Clock clock;

    VisitResidentListener(OutreachService outreach, OutreachSettings settings, Clock clock) {
        this.clock = clock;
        this.outreach = outreach;
        this.settings = settings;
    }

    @Override
    public void notify(DelegateTask task) {
        long caseId = ProcessRecord.id(task, OutreachProcess.VAR_CASE_ID);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            Date due = CampaignService.daysFromNow(clock, settings.visitDays());
            task.setDueDate(due);
            SystemAccess.run(() -> outreach.visitDue(caseId, due));
            return;
        }
        VisitReport report = new VisitReport(
                value(task, OutreachProcess.VAR_METHOD, ContactMethod.class),
                value(task, OutreachProcess.VAR_OUTCOME, VisitOutcome.class),
                value(task, OutreachProcess.VAR_REASON, NotEnrolledReason.class),
                date(task, OutreachProcess.VAR_PROMISED_DATE),
                text(task, OutreachProcess.VAR_CORRECTED_MOBILE),
                text(task, OutreachProcess.VAR_CORRECTED_ADDRESS),
                text(task, OutreachProcess.VAR_NOTE),
                text(task, OutreachProcess.VAR_EVIDENCE),
                text(task, OutreachProcess.VAR_MOVED_TO),
                date(task, OutreachProcess.VAR_EVENT_DATE),
                text(task, OutreachProcess.VAR_INSURED_SCHEME),
                text(task, OutreachProcess.VAR_INSURED_WHERE));
        // the visit is the acting user's (checked in the service); the assignee is writable through REST
        String by = CurrentUser.isSystem() && task.getAssignee() != null ? task.getAssignee() : CurrentUser.name();
        OutreachService.HouseholdVisit visit = outreach.recordHouseholdVisit(
                caseId, report, memberOutcomes(text(task, OutreachProcess.VAR_MEMBER_OUTCOMES)), by);
        // a household waits for its earliest promise, whatever the head said; the others' cases are closed already
        if (visit.promisedDate() != null) {
            task.getExecution().setVariable(OutreachProcess.VAR_OUTCOME, VisitOutcome.PROMISED.name());
            task.getExecution()
                    .setVariable(
                            OutreachProcess.VAR_PROMISED_BY,
                            CampaignService.endOf(visit.promisedDate(), clock.getZone()));
        }
    }

    /**
     * {@code memberOutcomes}: "caseId:OUTCOME" pairs separated by ";" — each member case's own outcome. The ids are
     * only a choice among the household's open cases: the service refuses any other.
     */
    static java.util.Map<Long, VisitOutcome> memberOutcomes(String value) {
        java.util.Map<Long, VisitOutcome> outcomes = new java.util.LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return outcomes;
        }
        for (String pair : value.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.strip().split(":");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException(pair);
                }
                outcomes.put(Long.parseLong(parts[0].strip()), VisitOutcome.valueOf(parts[1].strip()));
            } catch (IllegalArgumentException e) {
                throw new OutreachException("outreach.error.value", OutreachProcess.VAR_MEMBER_OUTCOMES, pair);
            }
        }
        return outcomes;
    }

    private static String text(DelegateTask task, String name) {
        Object v = task.getVariable(name);
        return v == null ? null : v.toString();
    }

    private LocalDate date(DelegateTask task, String name) {
        Object v = task.getVariable(name);
        if (v instanceof Date d) {
            return LocalDate.ofInstant(d.toInstant(), clock.getZone());
        }
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.toString().strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new OutreachException("outreach.error.date", v);
        }
    }

    private static <E extends Enum<E>> E value(DelegateTask task, String name, Class<E> type) {
        String v = text(task, name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.strip());
        } catch (IllegalArgumentException e) {
            throw new OutreachException("outreach.error.value", name, v);
        }
    }
}
