package cn.canbao.register.extract;

import cn.canbao.register.extract.PhysicalLines.Line;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV tokenizer: RFC 4180 rows from physical lines, broken quoting confined to its row. The rules
 * are given in {@link ExtractReader}.
 */
final class CsvExtractReader {

    static final String BROKEN_QUOTING = "extract.row.brokenQuoting";
    /** A quoted field may run over this many physical lines of its row at most... */
    static final int MAX_ROW_LINES = 8;
    /** ...and this many characters: a real address is far shorter, a stray quote swallows everything. */
    static final int MAX_ROW_CHARS = 16 * 1024;

    private final PhysicalLines lines;
    private final String fileName;
    private final List<Line> rowLines = new ArrayList<>(MAX_ROW_LINES + 1);
    private final StringBuilder quoted = new StringBuilder();
    /** The physical line being tokenised, and where in it. */
    private String text;

    private int position;

    CsvExtractReader(PhysicalLines lines, String fileName) {
        this.lines = lines;
        this.fileName = fileName;
    }

    void read(ExtractHandler handler) throws IOException {
        boolean headerSeen = false;
        for (Line first = lines.next(); first != null; first = lines.next()) {
            if (isBlank(first.text())) {
                continue;
            }
            ExtractRow row = parse(first);
            if (row.problem() == null && allEmpty(row.cells())) {
                continue;
            }
            if (headerSeen) {
                handler.row(row);
            } else if (row.problem() != null) {
                throw ExtractFileException.noHeader(fileName);
            } else {
                handler.header(row.cells());
                headerSeen = true;
            }
        }
        if (!headerSeen) {
            throw ExtractFileException.noHeader(fileName);
        }
    }

    /** The row starting at the given line; reads on as long as a quoted field stays open. */
    private ExtractRow parse(Line first) throws IOException {
        rowLines.clear();
        rowLines.add(first);
        text = first.text();
        position = 0;
        List<String> cells = new ArrayList<>();
        while (true) {
            int start = skipWhitespace(text, position);
            if (start < text.length() && text.charAt(start) == '"') {
                position = start + 1;
                if (!quotedField()) {
                    return broken(first);
                }
                cells.add(quoted.toString().strip());
                position = skipWhitespace(text, position);
                if (position < text.length() && text.charAt(position) != ',') {
                    return broken(first);
                }
            } else {
                int comma = text.indexOf(',', position);
                position = comma < 0 ? text.length() : comma;
                cells.add(trimmed(text, start, position));
            }
            if (position == text.length()) {
                return new ExtractRow(first.number(), cells, null);
            }
            position++;
        }
    }

    /**
     * Reads a quoted field, from after its opening quote to after its closing one, into
     * {@link #quoted}; false when it does not close within the row's limits.
     */
    private boolean quotedField() throws IOException {
        quoted.setLength(0);
        while (true) {
            int quote = text.indexOf('"', position);
            if (quote < 0) {
                quoted.append(text, position, text.length());
                String lineBreak = rowLines.get(rowLines.size() - 1).terminator();
                if (!continueWithNextLine()) {
                    return false;
                }
                quoted.append(lineBreak);
                text = rowLines.get(rowLines.size() - 1).text();
                position = 0;
            } else if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                quoted.append(text, position, quote + 1);
                position = quote + 2;
            } else {
                quoted.append(text, position, quote);
                position = quote + 1;
                return true;
            }
        }
    }

    /** Adds the next physical line to the row, unless the row would grow beyond what a field may span. */
    private boolean continueWithNextLine() throws IOException {
        if (rowLines.size() >= MAX_ROW_LINES) {
            return false;
        }
        Line next = lines.next();
        if (next == null) {
            return false;
        }
        rowLines.add(next);
        int chars = 0;
        for (Line line : rowLines) {
            chars += line.text().length();
        }
        return chars <= MAX_ROW_CHARS;
    }

    /** The row's first line as its only cell; the lines read past it will be read again. */
    private ExtractRow broken(Line first) {
        lines.pushBack(rowLines.subList(1, rowLines.size()));
        return new ExtractRow(first.number(), List.of(first.text().strip()), BROKEN_QUOTING);
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String trimmed(String text, int from, int to) {
        int end = to;
        while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return from == end ? "" : text.substring(from, end);
    }

    private static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ',' && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allEmpty(List<String> cells) {
        for (String cell : cells) {
            if (!cell.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
