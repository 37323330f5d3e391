package cn.canbao.register.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.ZipException;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads the first sheet of an XLSX with POI's SAX event API: only the shared strings and the styles
 * are held in memory, the sheet itself is streamed.
 */
final class XlsxExtractReader {

    private XlsxExtractReader() {}

    static void read(Path file, String fileName, ExtractHandler handler) throws IOException {
        read(file, fileName, 0, handler);
    }

    /** The sheets' names, in the workbook's order. */
    static java.util.List<String> sheetNames(Path file, String fileName) {
        OPCPackage pkg = open(file, fileName);
        try {
            java.util.List<String> names = new java.util.ArrayList<>();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream ignored = sheets.next()) {
                    names.add(sheets.getSheetName());
                }
            }
            return names;
        } catch (OpenXML4JException | IOException | POIXMLException e) {
            throw ExtractFileException.unreadable(fileName, e);
        } finally {
            pkg.revert();
        }
    }

    static void read(Path file, String fileName, int sheetIndex, ExtractHandler handler) throws IOException {
        OPCPackage pkg = open(file, fileName);
        try {
            XSSFReader reader;
            ReadOnlySharedStringsTable strings;
            StylesTable styles;
            InputStream sheet;
            try {
                reader = new XSSFReader(pkg);
                refuseOversizedStrings(pkg, fileName);
                strings = new ReadOnlySharedStringsTable(pkg, false);
                // Without styles POI would not format numbers at all and 3.5E17 would come through.
                styles = reader.getStylesTable();
                if (styles == null) {
                    styles = new StylesTable();
                }
                Iterator<InputStream> sheets = reader.getSheetsData();
                for (int skipped = 0; skipped < sheetIndex && sheets.hasNext(); skipped++) {
                    sheets.next().close();
                }
                if (!sheets.hasNext()) {
                    throw ExtractFileException.noHeader(fileName);
                }
                sheet = sheets.next();
            } catch (OpenXML4JException | SAXException | IOException | POIXMLException e) {
                throw ExtractFileException.unreadable(fileName, e);
            }
            XlsxRows rows = new XlsxRows(handler, fileName);
            parse(
                    sheet,
                    new XSSFSheetXMLHandler(styles, null, strings, rows, new PlainCellFormatter(), false),
                    fileName);
            if (!rows.headerSeen()) {
                throw ExtractFileException.noHeader(fileName);
            }
        } finally {
            // Opened read-only: revert() closes without the attempt to save that close() would log about.
            pkg.revert();
        }
    }

    /**
     * The shared strings table is held in memory while the sheet streams: a county's 600,000 rows need some tens of MB;
     * a table larger than this is refused before it is read rather than risk the node's memory (issue 17, point 7).
     */
    static final long MAX_SHARED_STRINGS_BYTES = 200L * 1024 * 1024;

    private static void refuseOversizedStrings(OPCPackage pkg, String fileName) {
        for (var part : pkg.getPartsByContentType(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")) {
            if (part.getSize() > MAX_SHARED_STRINGS_BYTES) {
                throw new ExtractFileException(
                        "extract.file.tooLarge", fileName, MAX_SHARED_STRINGS_BYTES / (1024 * 1024));
            }
        }
    }

    private static OPCPackage open(Path file, String fileName) {
        try {
            return OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OpenXML4JException | RuntimeException e) {
            // POI reports a zip that is no spreadsheet with several runtime exceptions of its own.
            throw ExtractFileException.unreadable(fileName, e);
        }
    }

    private static void parse(InputStream sheet, XSSFSheetXMLHandler sheetHandler, String fileName) throws IOException {
        try (sheet) {
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(sheetHandler);
            parser.parse(new InputSource(sheet));
        } catch (SAXException | ParserConfigurationException | ZipException e) {
            throw ExtractFileException.unreadable(fileName, e);
        }
    }
}
