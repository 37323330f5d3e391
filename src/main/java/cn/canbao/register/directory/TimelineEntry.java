package cn.canbao.register.directory;

import cn.canbao.register.ExtractKind;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One event of a person's file: a change (which field, old and new value, by whom, from which import)
 * or a payment (year, amount, receipt). Fields that do not apply to the kind are null.
 */
public record TimelineEntry(
        Instant at,
        Kind kind,
        String field,
        String oldValue,
        String newValue,
        String changedBy,
        Long importId,
        ExtractKind importKind,
        String importFileName,
        Integer year,
        BigDecimal amount,
        String receiptNo) {

    public enum Kind {
        CHANGE,
        PAYMENT
    }
}
