package cn.canbao.register.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample files under src/test/resources/extracts: a GBK police export with Windows line ends and
 * quoted addresses, and an XLSX laid out as Excel writes it (shared strings, a Chinese date format, an
 * ID number typed into a General cell, the data sheet listed first but stored second).
 */
class ExtractSamplesTest {

    @Test
    void policeHouseholdGbkSample() throws Exception {
        RecordedExtract read = RecordedExtract.read(sample("police_household_sample_gbk.csv"));

        assertThat(read.format()).isEqualTo(ExtractFormat.CSV_GBK);
        assertThat(read.header()).containsExactly("身份证号", "姓名", "变动类型", "变动日期", "户籍地区划", "常住地区划", "网格编码", "住址", "手机号");
        assertThat(read.rows())
                .containsExactly(
                        new ExtractRow(
                                2,
                                List.of(
                                        "350525198503120030",
                                        "张三",
                                        "在册",
                                        "2024-01-15",
                                        "350525100201",
                                        "350525100201",
                                        "350525100201001",
                                        "永春县桃城镇桃东村一组,12号",
                                        "13905951234"),
                                null),
                        new ExtractRow(
                                3,
                                List.of(
                                        "350525202503020047",
                                        "李四",
                                        "出生",
                                        "2025/03/02",
                                        "350525100201",
                                        "",
                                        "",
                                        "永春县桃城镇桃东村",
                                        ""),
                                null),
                        new ExtractRow(
                                5, List.of("350525194001050011", "王五", "死亡", "20250410", "", "", "", "", ""), null),
                        new ExtractRow(
                                6,
                                List.of(
                                        "350525199207180025",
                                        "陈阿六",
                                        "迁移",
                                        "2025-05-01",
                                        "350525101203",
                                        "350525100201",
                                        "",
                                        "永春县桃城镇\"桃源\"小区\r\n3栋",
                                        "13605950000"),
                                null),
                        new ExtractRow(
                                9, List.of("350525200109090056", "林七", "注销", "2025-06-30", "", "", "", "", ""), null));
    }

    @Test
    void insuranceStatusXlsxSample() throws Exception {
        RecordedExtract read = RecordedExtract.read(sample("insurance_status_sample.xlsx"));

        assertThat(read.format()).isEqualTo(ExtractFormat.XLSX);
        assertThat(read.header()).containsExactly("身份证号", "姓名", "参保年度", "险种", "参保地", "参保地区划", "缴费日期", "缴费金额");
        assertThat(read.rows())
                .containsExactly(
                        new ExtractRow(
                                2,
                                List.of("350525198503120030", "张三", "2025", "居民", "本地", "", "2025-03-01", "400"),
                                null),
                        new ExtractRow(
                                3,
                                List.of(
                                        "350525199001011000",
                                        "李四",
                                        "2025",
                                        "职工",
                                        "异地",
                                        "350102",
                                        "2025-01-20",
                                        "1234.5"),
                                null),
                        new ExtractRow(5, List.of("350525194001050011", "王五", "2024", "居民", "本地", "", "", ""), null));
    }

    private static Path sample(String name) throws Exception {
        return Path.of(ExtractSamplesTest.class.getResource("/extracts/" + name).toURI());
    }
}
