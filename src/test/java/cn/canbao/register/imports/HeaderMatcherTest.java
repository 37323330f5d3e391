package cn.canbao.register.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.register.RegisterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Headers of other departments' extracts onto the layout's columns: names, synonyms, notes, the clerk's choices. */
class HeaderMatcherTest {

    static final List<Column> POLICE = List.of(
            Column.required("id_number", "身份证号"),
            Column.required("name", "姓名"),
            Column.optional("household_region", "户籍地区划"),
            Column.optional("residence_region", "常住地区划"),
            Column.optional("mobile", "手机号"),
            Column.optional("grid_code", "网格编码"));

    @ParameterizedTest(name = "{0} → {1} ({2})")
    @CsvSource({
        "身份证号, id_number, 100",
        "id_number, id_number, 100",
        "公民身份号码, id_number, 90",
        "身份证号码, id_number, 90",
        "证件号码, id_number, 90",
        "身份证号（18位）, id_number, 100",
        "* 身份证号, id_number, 100",
        "ID_NUMBER, id_number, 100",
        "联系电话, mobile, 90",
        "手机号码, mobile, 90",
        "户籍地区划代码, household_region, 90",
        "户籍地行政区划代码, household_region, 90",
        "现居住地区划, residence_region, 90",
        "居民身份证号码（必填）, id_number, 60",
        "网格编号, grid_code, 90"
    })
    void aHeaderIsMatchedByNameSynonymOrPart(String header, String key, int confidence) {
        List<HeaderMatcher.Match> matches = HeaderMatcher.match(POLICE, List.of(header), ColumnMapping.none());
        HeaderMatcher.Match m =
                matches.stream().filter(x -> x.index() == 0).findFirst().orElseThrow();
        assertThat(m.key()).isEqualTo(key);
        assertThat(m.confidence()).isEqualTo(confidence);
    }

    @Test
    void eachHeaderServesOneColumnAndTheBestMatchWins() {
        List<String> header = List.of("常住地区划代码", "户籍地区划代码", "姓名", "公民身份号码", "备注");
        int[] positions = HeaderMatcher.positions(POLICE, header, null);
        assertThat(positions).containsExactly(3, 2, 1, 0, -1, -1);
    }

    @Test
    void theClerksChoiceWinsAndIgnoreLeavesAColumnOut() {
        List<String> header = List.of("证号", "人名", "手机号", "备用电话");
        ColumnMapping mapping =
                new ColumnMapping(Map.of("id_number", "证号", "姓名", "人名", "mobile", "备用电话", "grid_code", ""));
        assertThat(HeaderMatcher.positions(POLICE, header, mapping)).containsExactly(0, 1, -1, -1, 3, -1);
    }

    @Test
    void aMissingRequiredColumnIsNamedInChinese() {
        assertThatThrownBy(() -> HeaderMatcher.positions(POLICE, List.of("手机号", "住址"), null))
                .isInstanceOf(RegisterException.class)
                .satisfies(e -> assertThat(((RegisterException) e).args()).containsExactly("身份证号(id_number)、姓名(name)"));
        // ignoring a required column leaves it missing
        assertThatThrownBy(() ->
                        HeaderMatcher.positions(POLICE, List.of("身份证号", "姓名"), new ColumnMapping(Map.of("name", ""))))
                .isInstanceOf(RegisterException.class)
                .satisfies(e -> assertThat(((RegisterException) e).args()).containsExactly("姓名(name)"));
    }

    @Test
    void aMappingToAHeaderTheFileLacksIsRefused() {
        assertThatThrownBy(() -> HeaderMatcher.positions(
                        POLICE, List.of("身份证号", "姓名"), new ColumnMapping(Map.of("mobile", "电话"))))
                .isInstanceOf(RegisterException.class)
                .hasMessageContaining("register.import.mappedHeaderMissing");
    }
}
