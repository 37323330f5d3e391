package cn.canbao.register.imports;

import cn.canbao.base.StoredMessage;
import cn.canbao.register.person.IdNumber;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * 性别 and 出生日期 against the 18-digit ID number, which encodes both (digits 7–14 the birth date, the parity of
 * digit 17 the sex, GB 11643). A contradiction means one of them was mistyped; the ID number is the register's
 * key, so the row is refused rather than guessed at. A sex "unknown" (0, 9, 未知, 未说明, GB/T 2261.1) says
 * nothing and is not compared.
 */
final class CrossChecks {

    static final String SEX = "sex";
    static final String BIRTH_DATE = "birth_date";

    private static final Map<String, IdNumber.Sex> SEXES = Map.of(
            "男",
            IdNumber.Sex.MALE,
            "女",
            IdNumber.Sex.FEMALE,
            "M",
            IdNumber.Sex.MALE,
            "F",
            IdNumber.Sex.FEMALE,
            "1",
            IdNumber.Sex.MALE,
            "2",
            IdNumber.Sex.FEMALE,
            "MALE",
            IdNumber.Sex.MALE,
            "FEMALE",
            IdNumber.Sex.FEMALE,
            "男性",
            IdNumber.Sex.MALE,
            "女性",
            IdNumber.Sex.FEMALE);
    private static final java.util.Set<String> UNKNOWN = java.util.Set.of("0", "9", "未知", "未说明", "未知的性别", "未说明的性别");

    private CrossChecks() {}

    /** Refuses the row when its 性别 or 出生日期 (if the file has them and they are filled) contradict the ID. */
    static void check(IdNumber id, RowValues row) {
        String written = row.has(SEX) ? row.text(SEX) : null;
        if (written != null && !UNKNOWN.contains(written.toUpperCase(Locale.ROOT))) {
            IdNumber.Sex sex = sex(written).orElseThrow(() -> row.rejected(RejectReason.SEX_UNREADABLE, SEX));
            if (sex != id.sex()) {
                // what the ID says is the application's word, not the file's: stored as a message, read in the
                // reader's language (rejects of older imports hold 男/女 and read as they did)
                throw row.rejected(
                        RejectReason.SEX_MISMATCH,
                        SEX,
                        StoredMessage.of("persons.sex." + id.sex().name()));
            }
        }
        if (row.has(BIRTH_DATE)) {
            LocalDate born = row.date(BIRTH_DATE);
            if (born != null && !born.equals(id.birthDate())) {
                throw row.rejected(
                        RejectReason.BIRTH_DATE_MISMATCH,
                        BIRTH_DATE,
                        id.birthDate().toString());
            }
        }
    }

    /** The sex a cell names (男/女, M/F, 1/2 as GB/T 2261.1 codes them, male/female); empty when none of these. */
    static Optional<IdNumber.Sex> sex(String cell) {
        return Optional.ofNullable(SEXES.get(cell.strip().toUpperCase(Locale.ROOT)));
    }
}
