package cn.canbao.register.directory;

import java.time.LocalDate;
import java.util.List;

/**
 * What the justice and employee-insurance extracts say of a person (issue 16): custody periods and stops of the
 * employee insurance, each with what it means today for targets and outreach.
 */
public record PersonSources(List<Custody> custody, List<Suspension> suspensions) {

    public PersonSources {
        custody = List.copyOf(custody);
        suspensions = List.copyOf(suspensions);
    }

    /** 在押 (DETAINED) or 服刑 (SENTENCED) from since until the release; heldToday: left out of targets and outreach. */
    public record Custody(String kind, LocalDate since, LocalDate until, String institution, boolean heldToday) {}

    /** The employee insurance stopped; dueForResident: more than 3 months ago and not resumed, so outreach is due. */
    public record Suspension(LocalDate suspendedOn, LocalDate resumedOn, String employer, boolean dueForResident) {}
}
