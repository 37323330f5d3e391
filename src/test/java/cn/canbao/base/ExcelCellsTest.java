package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ExcelCellsTest {

    @Test
    void theSharedStylesAreWhatTheWorkbooksAskFor() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle bordered = ExcelCells.bordered(wb, HorizontalAlignment.RIGHT);
            assertThat(bordered.getBorderTop()).isEqualTo(BorderStyle.THIN);
            assertThat(bordered.getBorderBottom()).isEqualTo(BorderStyle.THIN);
            assertThat(bordered.getBorderLeft()).isEqualTo(BorderStyle.THIN);
            assertThat(bordered.getBorderRight()).isEqualTo(BorderStyle.THIN);
            assertThat(bordered.getAlignment()).isEqualTo(HorizontalAlignment.RIGHT);
            assertThat(bordered.getVerticalAlignment()).isEqualTo(VerticalAlignment.CENTER);

            CellStyle title = ExcelCells.title(wb);
            assertThat(wb.getFontAt(title.getFontIndex()).getBold()).isTrue();
            assertThat(wb.getFontAt(title.getFontIndex()).getFontHeightInPoints())
                    .isEqualTo((short) 14);
            assertThat(title.getAlignment()).isEqualTo(HorizontalAlignment.CENTER);

            assertThat(wb.getFontAt(ExcelCells.bold(wb).getFontIndex()).getBold())
                    .isTrue();
        }
    }
}
