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
 * <li><b>Encoding.</b> A UTF-8 byte order mark means UTF-8 (the mark is dropped). Otherwise the first
 * 64 KiB are decoded strictly as UTF-8 (a character cut by the 64 KiB boundary is fine); if that
 * fails the file is GB18030, the superset of GBK, and {@link ExtractFormat#CSV_GBK} is reported.
 * <em>Limitation:</em> a GBK file whose first 64 KiB are plain ASCII is taken for UTF-8; its later
 * Chinese characters come out as U+FFFD. Real extracts have Chinese in the header or the first rows.</li>
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
 * Only the first sheet is read, with POI's SAX event API. Rows carry the sheet's row numbers; blank
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

    private ExtractReader() {
    }

    /**
     * Streams the file (CSV or XLSX, decided by content: an XLSX is a zip starting with
     * "PK\3\4"), calling handler.header once, then handler.row for each non-blank data row,
     * in file order. Never holds the whole file in memory. Returns the detected format.
     */
    public static ExtractFormat read(Path file, ExtractHandler handler) throws IOException {
        String fileName = String.valueOf(file.getFileName());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 2 * SNIFF_BYTES)) {
            in.mark(SNIFF_BYTES + 1);
            byte[] head = in.readNBytes(SNIFF_BYTES + 1);
            in.reset();
            if (!startsWith(head, ZIP)) {
                return readCsv(in, head, fileName, handler);
            }
        }
        XlsxExtractReader.read(file, fileName, handler);
        return ExtractFormat.XLSX;
    }

    private static ExtractFormat readCsv(InputStream in, byte[] head, String fileName, ExtractHandler handler)
            throws IOException {
        if (head.length == 0) {
            throw ExtractFileException.noHeader(fileName);
        }
        if (startsWith(head, OLE2) || containsNul(head)) {
            throw ExtractFileException.unreadable(fileName, null);
        }
        ExtractFormat format;
        if (startsWith(head, UTF8_BOM)) {
            in.skipNBytes(UTF8_BOM.length);
            format = ExtractFormat.CSV_UTF8;
        } else {
            boolean wholeFile = head.length <= SNIFF_BYTES;
            format = isUtf8(head, Math.min(head.length, SNIFF_BYTES), wholeFile)
                    ? ExtractFormat.CSV_UTF8 : ExtractFormat.CSV_GBK;
        }
        Charset charset = format == ExtractFormat.CSV_UTF8 ? StandardCharsets.UTF_8 : GB18030;
        // Past the sniffed part, undecodable bytes become U+FFFD rather than failing the whole file.
        PhysicalLines lines = new PhysicalLines(new InputStreamReader(in, charset), fileName);
        new CsvExtractReader(lines, fileName).read(handler);
        return format;
    }

    /** Whether the bytes are strict UTF-8; unless they are the whole file, a character cut at their end is fine. */
    static boolean isUtf8(byte[] bytes, int length, boolean wholeFile) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
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
