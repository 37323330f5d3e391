package cn.canbao.register.extract;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The physical lines of a text, numbered from 1, each with its terminator (LF, CRLF, a lone CR, or
 * "" for a last line without one). Lines can be pushed back, so a row that turned out broken can be
 * re-read from its second line.
 */
final class PhysicalLines {

    record Line(long number, String text, String terminator) {}

    /** A "line" this long is no CSV line but a binary or a file without line breaks. */
    static final int MAX_LINE_CHARS = 1 << 20;

    private final Reader in;
    private final String fileName;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder partial = new StringBuilder();
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private int position;
    private int limit;
    private long number;

    PhysicalLines(Reader in, String fileName) {
        this.in = in;
        this.fileName = fileName;
    }

    /** The next line, or null at the end of the text. */
    Line next() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        partial.setLength(0);
        boolean started = false;
        while (true) {
            if (position == limit && !fill()) {
                return started ? line(partial.toString(), "") : null;
            }
            started = true;
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (position == limit) {
                partial.append(buffer, start, position - start);
                if (partial.length() > MAX_LINE_CHARS) {
                    throw ExtractFileException.unreadable(fileName, null);
                }
                continue;
            }
            String text = partial.isEmpty()
                    ? new String(buffer, start, position - start)
                    : partial.append(buffer, start, position - start).toString();
            return line(text, terminator());
        }
    }

    /** Puts lines back to be returned by {@link #next()} again, first one first. */
    void pushBack(List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            pushedBack.push(lines.get(i));
        }
    }

    private String terminator() throws IOException {
        if (buffer[position++] == '\n') {
            return "\n";
        }
        if (position == limit) {
            fill();
        }
        if (position < limit && buffer[position] == '\n') {
            position++;
            return "\r\n";
        }
        return "\r";
    }

    private Line line(String text, String terminator) {
        return new Line(++number, text, terminator);
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
