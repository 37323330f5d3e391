package cn.canbao.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** A CSV extract written again as XLSX (streaming, shared strings off), for the XLSX import's heap at county scale. */
final class BenchXlsx {

    private BenchXlsx() {}

    /** Writes every line of the CSV (header included) as a row of text cells; answers the data rows written. */
    static int write(Path csv, Path xlsx) throws IOException {
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                SXSSFWorkbook workbook = new SXSSFWorkbook(200);
                OutputStream out = Files.newOutputStream(xlsx)) {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet("户籍");
            String line;
            int r = 0;
            while ((line = in.readLine()) != null) {
                Row row = sheet.createRow(r++);
                List<String> cells = split(line);
                for (int c = 0; c < cells.size(); c++) {
                    if (!cells.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(cells.get(c));
                    }
                }
            }
            rows = r - 1;
            workbook.write(out);
            workbook.dispose();
        }
        return rows;
    }

    /** One CSV line's fields (quotes as RFC 4180; the synthetic extracts have no line breaks inside fields). */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
