package cn.canbao.demo.synthetic;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes unquoted CSV rows as UTF-8 with '\n' line ends, encoding into its own buffer: the
 * extracts are mostly Chinese text, which a Writer or String.getBytes encodes several times slower.
 */
final class Csv implements Closeable {

    private static final int BUFFER = 1 << 16;
    /** The most bytes one char takes in UTF-8 (surrogates are refused). */
    private static final int MAX_CHAR_BYTES = 3;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int used;

    Csv(OutputStream out) {
        this.out = out;
    }

    /** One line; null values stay empty. A value holding a comma, quote, line break or surrogate is refused. */
    void row(String... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            if (values[i] != null) {
                value(values[i]);
            }
        }
        put((byte) '\n');
    }

    @Override
    public void close() throws IOException {
        try (out) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    private void value(String v) throws IOException {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (used + MAX_CHAR_BYTES > BUFFER) {
                out.write(buffer, 0, used);
                used = 0;
            }
            if (c == ',' || c == '"' || c == '\n' || c == '\r' || Character.isSurrogate(c)) {
                throw new IllegalArgumentException("not writable unquoted: " + v);
            }
            if (c < 0x80) {
                buffer[used++] = (byte) c;
            } else if (c < 0x800) {
                buffer[used++] = (byte) (0xC0 | c >> 6);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            } else {
                buffer[used++] = (byte) (0xE0 | c >> 12);
                buffer[used++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private void put(byte b) throws IOException {
        if (used == BUFFER) {
            out.write(buffer, 0, used);
            used = 0;
        }
        buffer[used++] = b;
    }
}
