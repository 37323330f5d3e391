package cn.canbao.register.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * The rejected rows of an import, written to a file as they are found (issue 17, point 6: "Rejects are written to disk
 * as they are found (never held in memory)") — a county file with every row wrong costs disk, not heap — and loaded
 * into {@code import_reject} with one COPY once the staging COPY is done (a connection runs one COPY at a time).
 */
final class RejectSpool implements AutoCloseable {

    private static final String COLUMNS =
            "import_id, row_number, reason_key, reason_args, raw, column_name, cell_value";

    private final Path file;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(512);
    private long rows;

    RejectSpool(long importId) {
        try {
            file = Files.createTempFile("canbao-import-" + importId + "-rejects-", ".copy");
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rejected row, in COPY's text format: import, physical line, reason key and arguments, row, column, value. */
    void add(Object... values) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            if (values[i] == null) {
                line.append("\\N");
            } else {
                CopyStream.escape(line, values[i].toString());
            }
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Loads the spooled rows into {@code import_reject} in the import's transaction; returns how many. */
    long load(Connection connection) throws SQLException, IOException {
        out.flush();
        if (rows == 0) {
            return 0;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy import_reject (" + COLUMNS + ") from stdin (format text)", in);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
