package cn.canbao.register.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.canbao.Yongchun;
import cn.canbao.register.TestIds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The row checks of a police extract carrying 性别 and 出生日期, one sample row per reason: each defect gets its own
 * reason, naming the column and the value (masked where it is an ID number or phone). And what is normalised
 * instead of refused.
 */
class RowChecksTest {

    static final List<String> HEADER =
            List.of("身份证号", "姓名", "性别", "出生日期", "变动类型", "变动日期", "户籍地区划", "常住地区划", "网格编码", "住址", "手机号", "户号");
    static final String MAN = TestIds.id("350525", LocalDate.of(1980, 5, 17), 11);
    static final String VILLAGE = Yongchun.TAOCHENG_VILLAGE;
    static final String GRID = Yongchun.TAOCHENG_GRID;

    final PoliceHouseholdImporter police = new PoliceHouseholdImporter(null, null);

    /** A good row of a man born 1980-05-17, with the given cells replaced. */
    static List<String> row(Map<String, String> changes) {
        List<String> cells = new ArrayList<>(Arrays.asList(
                MAN,
                "陈志明",
                "男",
                "1980-05-17",
                "在册",
                "2001-05-17",
                VILLAGE,
                VILLAGE,
                GRID,
                "桃城镇1号",
                "13905951234",
                "A-01"));
        changes.forEach((header, value) -> cells.set(HEADER.indexOf(header), value));
        return cells;
    }

    static Stream<Arguments> defects() {
        String first17 = MAN.substring(0, 17);
        String feb30 = "35052519900230001";
        return Stream.of(
                // reason, changed cells, column named, value as a reject shows it
                Arguments.of(RejectReason.REQUIRED, Map.of("身份证号", " "), "身份证号", null),
                Arguments.of(
                        RejectReason.NON_ASCII_DIGITS,
                        Map.of("身份证号", "３５０５２５１９８００５１７０１１" + MAN.charAt(17)),
                        "身份证号",
                        "３５０５**********０１１" + MAN.charAt(17)),
                Arguments.of(
                        RejectReason.ID_OLD_15_DIGITS, Map.of("身份证号", "350525800517011"), "身份证号", "3505*******7011"),
                Arguments.of(RejectReason.ID_LENGTH, Map.of("身份证号", first17), "身份证号", "3505*********7011"),
                Arguments.of(
                        RejectReason.ID_CHARACTERS,
                        Map.of("身份证号", first17.substring(0, 16) + "AB"),
                        "身份证号",
                        "3505**********01AB"),
                Arguments.of(
                        RejectReason.ID_BIRTH_DATE,
                        Map.of("身份证号", feb30 + cn.canbao.register.person.IdNumber.checkCharacter(feb30)),
                        "身份证号",
                        "3505**********001" + cn.canbao.register.person.IdNumber.checkCharacter(feb30)),
                Arguments.of(
                        RejectReason.ID_CHECK_CHARACTER,
                        Map.of("身份证号", first17 + (MAN.charAt(17) == '1' ? '2' : '1')),
                        "身份证号",
                        "3505**********011" + (MAN.charAt(17) == '1' ? '2' : '1')),
                Arguments.of(RejectReason.SEX_UNREADABLE, Map.of("性别", "未婚"), "性别", "未婚"),
                Arguments.of(RejectReason.SEX_MISMATCH, Map.of("性别", "女"), "性别", "女"),
                Arguments.of(RejectReason.SEX_MISMATCH, Map.of("性别", "2"), "性别", "2"),
                Arguments.of(RejectReason.BIRTH_DATE_MISMATCH, Map.of("出生日期", "1980-07-15"), "出生日期", "1980-07-15"),
                Arguments.of(RejectReason.DATE_INVALID, Map.of("出生日期", "1980-02-30"), "出生日期", "1980-02-30"),
                Arguments.of(RejectReason.NON_ASCII_DIGITS, Map.of("出生日期", "１９８０-05-17"), "出生日期", "１９８０-05-17"),
                Arguments.of(RejectReason.MOBILE_INVALID, Map.of("手机号", "1390595123"), "手机号", "139***5123"),
                Arguments.of(RejectReason.NON_ASCII_DIGITS, Map.of("手机号", "１３９０５９５１２３４"), "手机号", "１３９****１２３４"),
                Arguments.of(RejectReason.REGION_CODE_FORMAT, Map.of("户籍地区划", "35052510100"), "户籍地区划", "35052510100"),
                Arguments.of(RejectReason.NON_ASCII_DIGITS, Map.of("常住地区划", "３５０５２５１０１００１"), "常住地区划", "３５０５２５１０１００１"),
                Arguments.of(
                        RejectReason.REGION_CODE_FORMAT, Map.of("网格编码", "35052510100100"), "网格编码", "35052510100100"),
                Arguments.of(
                        RejectReason.GRID_NOT_IN_RESIDENCE,
                        Map.of("网格编码", "350525101002001"),
                        "网格编码",
                        "350525101002001"),
                Arguments.of(RejectReason.REQUIRED, Map.of("户籍地区划", ""), "户籍地区划", null),
                Arguments.of(RejectReason.HOUSEHOLD_NUMBER, Map.of("户号", "第01户"), "户号", "第01户"),
                Arguments.of(RejectReason.TOO_LONG, Map.of("住址", "路".repeat(201)), "住址", "路".repeat(201)),
                Arguments.of(RejectReason.CODE_UNKNOWN, Map.of("变动类型", "结婚"), "变动类型", "结婚"),
                Arguments.of(RejectReason.DATE_INVALID, Map.of("变动日期", "2001-13-01"), "变动日期", "2001-13-01"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("defects")
    void eachDefectHasItsReasonColumnAndMaskedValue(
            RejectReason reason, Map<String, String> changes, String column, String shown) {
        RowRejected refused = catchThrowableOfType(RowRejected.class, () -> convert(HEADER, row(changes)));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.column().chinese()).isEqualTo(column);
        assertThat(refused.column().masked(refused.value())).isEqualTo(shown);
    }

    static Stream<Arguments> normalised() {
        return Stream.of(
                Arguments.of(Map.of("身份证号", " " + MAN.toLowerCase() + "\u3000"), MAN),
                Arguments.of(Map.of("性别", "M"), MAN),
                Arguments.of(Map.of("性别", "1"), MAN),
                Arguments.of(Map.of("性别", "9"), MAN), // 未说明的性别 says nothing
                Arguments.of(Map.of("性别", ""), MAN),
                Arguments.of(Map.of("出生日期", "19800517"), MAN),
                Arguments.of(Map.of("出生日期", "1980/05/17"), MAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalised")
    void whatIsNormalisedIsAccepted(Map<String, String> changes, String id) {
        List<Object> staged = convert(HEADER, row(changes));
        assertThat(staged.get(0)).isEqualTo(id);
        assertThat(staged.get(3)).isEqualTo("M");
    }

    @org.junit.jupiter.api.Test
    void withoutTheSexAndBirthDateColumnsNothingIsCrossChecked() {
        List<String> header = HEADER.stream()
                .filter(h -> !h.equals("性别") && !h.equals("出生日期"))
                .toList();
        List<String> cells = new ArrayList<>(row(Map.of()));
        cells.remove(3);
        cells.remove(2);
        assertThat(convert(header, cells).get(0)).isEqualTo(MAN);
    }

    private List<Object> convert(List<String> header, List<String> cells) {
        RowValues values = RowValues.forHeader(police.columns(), header, LocalDate.of(2026, 11, 2));
        values.set(cells);
        return police.convert(values);
    }
}
