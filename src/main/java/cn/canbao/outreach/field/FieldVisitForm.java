package cn.canbao.outreach.field;

import cn.canbao.outreach.process.OutreachProcess;
import java.util.HashMap;
import java.util.Map;

/**
 * A visit form as the field page sends it: the same fields as the Vaadin visit form, as text (the task listener
 * that records the visit reads and checks them, whichever form completes the task). {@code memberOutcomes} is the
 * listener's "caseId:OUTCOME;…" text: only a choice among the household's open cases.
 */
public record FieldVisitForm(
        String method,
        String outcome,
        String reason,
        String promisedDate,
        String evidence,
        String movedTo,
        String eventDate,
        String insuredScheme,
        String insuredWhere,
        String correctedMobile,
        String correctedAddress,
        String note,
        String memberOutcomes) {

    /** The task variables the visit form's completion sets. */
    Map<String, Object> variables() {
        Map<String, Object> v = new HashMap<>();
        v.put(OutreachProcess.VAR_METHOD, method);
        v.put(OutreachProcess.VAR_OUTCOME, outcome);
        v.put(OutreachProcess.VAR_REASON, reason);
        v.put(OutreachProcess.VAR_PROMISED_DATE, promisedDate);
        v.put(OutreachProcess.VAR_EVIDENCE, evidence);
        v.put(OutreachProcess.VAR_MOVED_TO, movedTo);
        v.put(OutreachProcess.VAR_EVENT_DATE, eventDate);
        v.put(OutreachProcess.VAR_INSURED_SCHEME, insuredScheme);
        v.put(OutreachProcess.VAR_INSURED_WHERE, insuredWhere);
        v.put(OutreachProcess.VAR_CORRECTED_MOBILE, correctedMobile);
        v.put(OutreachProcess.VAR_CORRECTED_ADDRESS, correctedAddress);
        v.put(OutreachProcess.VAR_NOTE, note);
        v.put(OutreachProcess.VAR_MEMBER_OUTCOMES, memberOutcomes);
        return v;
    }

    /** The form as one text, in a fixed order: what the submission's hash is made of. */
    String canonical() {
        StringBuilder sb = new StringBuilder();
        for (String s : new String[] {
            method,
            outcome,
            reason,
            promisedDate,
            evidence,
            movedTo,
            eventDate,
            insuredScheme,
            insuredWhere,
            correctedMobile,
            correctedAddress,
            note,
            memberOutcomes
        }) {
            sb.append(s == null ? "\u0000" : s.replace("\u001f", " ")).append('\u001f');
        }
        return sb.toString();
    }
}
