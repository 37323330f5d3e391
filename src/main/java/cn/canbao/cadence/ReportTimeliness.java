package cn.canbao.cadence;

/**
 * How a township and its villages reported in a period: reports that were due (their window closed),
 * confirmed after their window (late), and not confirmed at all (missing).
 */
public record ReportTimeliness(String townshipCode, int due, int late, int missing) {

    public int onTime() {
        return due - late - missing;
    }
}
