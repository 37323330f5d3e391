package cn.canbao.base.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;

/** Reads the moments that JDBC and Camunda hand back as instants; a missing value (SQL NULL) stays null. */
public final class Timestamps {

    private Timestamps() {}

    /** The instant of a {@link java.sql.Timestamp} or a Camunda {@link Date}; null for null. */
    public static Instant instant(Date moment) {
        return moment == null ? null : moment.toInstant();
    }

    /** The instant of a {@code timestamptz} column read as an offset date-time; null for null. */
    public static Instant instant(OffsetDateTime moment) {
        return moment == null ? null : moment.toInstant();
    }

    /** The instant in a timestamp column of the current row; null where the column is NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getTimestamp(column));
    }
}
