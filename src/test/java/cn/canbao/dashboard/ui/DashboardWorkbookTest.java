package cn.canbao.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** A chart's data as a sheet: title, Chinese headers, numbers stored as numbers, text as text. */
class DashboardWorkbookTest {

    @Test
    void writesTitleHeadersAndRowsWithNumbersAsNumbers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DashboardWorkbook.write(
                new DashboardWorkbook.Sheet(
                        "下级排名",
                        "看板测试县 · 下级排名",
                        List.of("排名", "地区", "任务完成率 %"),
                        List.of(List.of(1, "戊乡", new BigDecimal("100.00")), List.of(2, "丁镇", new BigDecimal("25.00")))),
                out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = wb.getSheet("下级排名");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("看板测试县 · 下级排名");
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("任务完成率 %");
            assertThat(sheet.getRow(3).getCell(0).getNumericCellValue()).isEqualTo(2.0);
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("丁镇");
            assertThat(sheet.getRow(3).getCell(2).getNumericCellValue()).isEqualTo(25.0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
        }
    }
}
