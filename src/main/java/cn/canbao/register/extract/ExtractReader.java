package cn.canbao.register.extract;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a data extract to an {@link ExtractHandler}: the header (the first non-blank row), then
 * every non-blank data row in file order. The format is told by the content, never by the name: a
 * file starting with the zip signature {@code PK\3\4} is an XLSX, anything else is read as CSV.
 *
 * <h2>CSV</h2>
 * <ul>
 * <li><b>Encoding.</b> A UTF-8 byte order mark means UTF-8 (the mark is dropped). Otherwise the whole
 * file is decoded strictly as UTF-8 first (issue 17: "detect over the whole file, not a prefix"); if any
 * byte fails, the file is GB18030, the superset of GBK and GB2312 (so names with 堃 喆 珺 赟 outside GB2312
 * survive byte-exact), and {@link ExtractFormat#CSV_GBK} is reported. The clerk may override the detection
 * ({@link ReadOptions#encoding()}).</li>
 * <li><b>Fields</b> (RFC 4180): comma separated; a field in double quotes may hold commas, doubled
 * quotes ({@code ""}) and line breaks (CRLF, LF or CR, kept as they are). Every cell is trimmed,
 * quoted or not. A quote inside an unquoted field is an ordinary character.</li>
 * <li><b>Blank lines</b> (only whitespace or only commas) are skipped, but count for row numbers: a
 * row's number is the physical line where it starts, the header's being 1 unless blank lines precede it.</li>
 * <li><b>Broken quoting</b> must not cost the other rows. A row is broken when a quoted field is not
 * closed within the row's first 8 physical lines and 16 Ki characters (a real address is far
 * shorter; a stray quote would swallow the rest of the file), or is still open at the end of the
 * file, or when a closing quote is followed by something other than whitespace, a comma or the line end. The
 * row is passed on with problem {@code extract.row.brokenQuoting} and one cell, its first
 * physical line (trimmed); reading resumes at the physical line after that one, so the lines a stray
 * quote swallowed are read again as rows of their own. A broken header makes the file unreadable
 * ({@code extract.file.noHeader}).</li>
 * <li>Rows may have more or fewer cells than the header: that is for the importer to judge.</li>
 * </ul>
 *
 * <h2>XLSX</h2>
 * The first sheet, or the one {@link ReadOptions#sheet()} names, is read with POI's SAX event API. Rows carry the sheet's row numbers; blank
 * rows are skipped; an empty cell between others is "" at its column, and rows are padded with "" to
 * the header's length. Numbers come out plain (an ID number stored as a number keeps its digits,
 * {@code 400.0} is {@code 400}), date-formatted numbers as {@code yyyy-MM-dd}, text as it is.
 * <em>Limitations:</em> the sheet is streamed but its shared strings table is held in memory (tens
 * of MB for half a million distinct IDs and names); dates of a workbook in the 1904 date system
 * (old Mac Excel) come out four years early.
 *
 * <h2>Whole-file problems</h2>
 * {@link ExtractFileException} with {@code extract.file.noHeader} for an empty file or one without a
 * non-blank row, {@code extract.file.unreadable} for a corrupt or non-spreadsheet zip, an old binary
 * {@code .xls} or other binary content; the argument is the file name.
 */
public final class ExtractReader {

    /** Bytes looked at to tell the encoding: thousands of rows of any real extract. */
    static final int SNIFF_BYTES = 64 * 1024;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Charset GB18030 = Charset.forName("GB18030");

    private ExtractReader() {}

    /**
     * Streams the file (CSV or XLSX, decided by content: an XLSX is a zip starting with
     * "PK\3\4"), calling handler.header once, then handler.row for each non-blank data row,
     * in file order. Never holds the whole file in memory. Returns the detected format.
     */
    public static ExtractFormat read(Path file, ExtractHandler handler) throws IOException {
        return read(file, ReadOptions.DEFAULT, handler);
    }

    /** Like {@link #read(Path, ExtractHandler)}, with the clerk's encoding, sheet and header row. */
    public static ExtractFormat read(Path file, ReadOptions options, ExtractHandler handler) throws IOException {
        String fileName = String.valueOf(file.getFileName());
        ExtractHandler skipping = options.headerRow() > 1 ? new SkipRows(options.headerRow() - 1, handler) : handler;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 2 * SNIFF_BYTES)) {
            in.mark(SNIFF_BYTES + 1);
            byte[] head = in.readNBytes(SNIFF_BYTES + 1);
            in.reset();
            if (!startsWith(head, ZIP)) {
                return readCsv(in, head, file, options, skipping);
            }
        }
        XlsxExtractReader.read(file, fileName, options.sheet(), skipping);
        return ExtractFormat.XLSX;
    }

    /** The sheets of an XLSX by name, in order; empty for a CSV. */
    public static java.util.List<String> sheetNames(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            if (!startsWith(in.readNBytes(ZIP.length), ZIP)) {
                return java.util.List.of();
            }
        }
        return XlsxExtractReader.sheetNames(file, String.valueOf(file.getFileName()));
    }

    /** The encoding a CSV would be read in: the clerk's, else detected over the whole file. */
    public static ExtractFormat detect(Path file, ReadOptions options) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 2 * SNIFF_BYTES)) {
            byte[] head = in.readNBytes(SNIFF_BYTES + 1);
            if (startsWith(head, ZIP)) {
                return ExtractFormat.XLSX;
            }
        }
        if (options.charset() != null) {
            return options.charset().equals(StandardCharsets.UTF_8) ? ExtractFormat.CSV_UTF8 : ExtractFormat.CSV_GBK;
        }
        return wholeFileIsUtf8(file) ? ExtractFormat.CSV_UTF8 : ExtractFormat.CSV_GBK;
    }

    /** Rows above the header the clerk chose (a title, a note) are not read as the header. */
    private static final class SkipRows implements ExtractHandler {
        private final ExtractHandler next;
        private int toSkip;
        private boolean headerPassed;

        SkipRows(int toSkip, ExtractHandler next) {
            this.toSkip = toSkip;
            this.next = next;
        }

        @Override
        public void header(java.util.List<String> names) {
            if (toSkip-- > 0) {
                return;
            }
            headerPassed = true;
            next.header(names);
        }

        @Override
        public void row(ExtractRow row) {
            if (headerPassed) {
                next.row(row);
            } else if (toSkip-- > 0) {
                return;
            } else {
                headerPassed = true;
                next.header(row.cells());
            }
        }
    }

    private static ExtractFormat readCsv(
            InputStream in, byte[] head, Path file, ReadOptions options, ExtractHandler handler) throws IOException {
        String fileName = String.valueOf(file.getFileName());
        if (head.length == 0) {
            throw ExtractFileException.noHeader(fileName);
        }
        if (startsWith(head, OLE2) || containsNul(head)) {
            throw ExtractFileException.unreadable(fileName, null);
        }
        ExtractFormat format;
        if (startsWith(head, UTF8_BOM)) {
            in.skipNBytes(UTF8_BOM.length);
            format = options.charset() == null || options.charset().equals(StandardCharsets.UTF_8)
                    ? ExtractFormat.CSV_UTF8
                    : ExtractFormat.CSV_GBK;
        } else {
            format = detect(file, options);
        }
        Charset charset = format == ExtractFormat.CSV_UTF8 ? StandardCharsets.UTF_8 : GB18030;
        // Past the sniffed part, undecodable bytes become U+FFFD rather than failing the whole file.
        PhysicalLines lines = new PhysicalLines(new InputStreamReader(in, charset), fileName);
        new CsvExtractReader(lines, fileName).read(handler);
        return format;
    }

    /** Whether the whole file decodes as strict UTF-8, read in chunks (a character cut between chunks is carried). */
    static boolean wholeFileIsUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(SNIFF_BYTES);
        CharBuffer out = CharBuffer.allocate(SNIFF_BYTES);
        try (var channel = Files.newByteChannel(file)) {
            boolean end = false;
            while (!end) {
                end = channel.read(in) < 0;
                in.flip();
                if (decoder.decode(in, out, end).isError()) {
                    return false;
                }
                in.compact();
                out.clear();
            }
            return !decoder.flush(out).isError();
        }
    }

    /** Whether the bytes are strict UTF-8; unless they are the whole file, a character cut at their end is fine. */
    static boolean isUtf8(byte[] bytes, int length, boolean wholeFile) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(length);
        if (decoder.decode(ByteBuffer.wrap(bytes, 0, length), out, wholeFile).isError()) {
            return false;
        }
        return !wholeFile || !decoder.flush(out).isError();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** No text encoding an extract may use has NUL bytes; UTF-16 exports and binaries do. */
    private static boolean containsNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
