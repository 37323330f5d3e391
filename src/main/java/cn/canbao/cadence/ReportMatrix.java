package cn.canbao.cadence;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The last reporting days (oldest first) × the villages in the caller's scope: how each summary stands. */
public record ReportMatrix(List<LocalDate> days, List<Row> rows) {

    /** One village; a day without a summary of it is absent from {@code states}. */
    public record Row(
            String villageCode, String villageName, String townshipName, Map<LocalDate, ReportState> states) {}
}
