package cn.canbao.register.imports;

import java.io.Serial;

/**
 * Why one row is refused: the reason, the column and value it is about (when it is about one cell) and the
 * message's arguments. Thrown per row, so without a stack trace.
 */
final class RowRejected extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;
    private final transient Column column;
    private final String value;
    private final transient Object[] args;

    /** A reason about the row, not one cell of it. */
    RowRejected(RejectReason reason, Object... args) {
        this(reason, null, null, args);
    }

    private RowRejected(RejectReason reason, Column column, String value, Object[] args) {
        super(reason.messageKey(), null, false, false);
        this.reason = reason;
        this.column = column;
        this.value = value;
        this.args = args;
    }

    /**
     * A reason about one cell: the message's arguments are the column's header, the value as written, then
     * {@code more}.
     */
    static RowRejected at(RejectReason reason, Column column, String value, Object... more) {
        Object[] args = new Object[more.length + 2];
        args[0] = column.chinese();
        args[1] = value == null ? "" : value;
        System.arraycopy(more, 0, args, 2, more.length);
        return new RowRejected(reason, column, value, args);
    }

    /**
     * A reason about one cell whose message takes other arguments than column and value (reasons older than the
     * column's record keep their messages).
     */
    static RowRejected cell(RejectReason reason, Column column, String value, Object... args) {
        return new RowRejected(reason, column, value, args);
    }

    RejectReason reason() {
        return reason;
    }

    /** The column the reason is about, or null. */
    Column column() {
        return column;
    }

    /** The cell as written, or null. */
    String value() {
        return value;
    }

    Object[] args() {
        return args;
    }
}
