package cn.canbao.register.imports;

import java.io.Serial;

/** Why one row is refused: a message key and its arguments. Thrown per row, so without a stack trace. */
final class RowRejected extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String reasonKey;
    private final transient Object[] args;

    RowRejected(String reasonKey, Object... args) {
        super(reasonKey, null, false, false);
        this.reasonKey = reasonKey;
        this.args = args;
    }

    String reasonKey() {
        return reasonKey;
    }

    Object[] args() {
        return args;
    }
}
