package cn.canbao.base.pdf;

import cn.canbao.base.DomainException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The CJK TrueType font the PDFs embed (the bulletin, the visit sheet): {@code canbao.pdf.font} — or the older
 * {@code canbao.bulletin.font} — when set, else the first of the usual Debian CJK fonts that exists. Without one a
 * PDF is refused: never boxes instead of text.
 */
@Component
public class PdfFonts {

    /** fonts-wqy-microhei, fonts-noto-cjk, fonts-arphic-uming (.ci/run installs the first). */
    static final List<Path> DEFAULTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

    private final String configured;

    PdfFonts(@Value("${canbao.pdf.font:${canbao.bulletin.font:}}") String configured) {
        this.configured = configured;
    }

    /** The font file, or {@code pdf.noFont} naming where it was looked for. */
    public Path require() {
        return find().orElseThrow(() -> new DomainException(
                "pdf.noFont", configured.isBlank() ? DEFAULTS.get(0).toString() : configured));
    }

    /** The font file, if one is configured and readable, or installed where Debian puts them. */
    public Optional<Path> find() {
        if (!configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isReadable(path) ? Optional.of(path) : Optional.empty();
        }
        return firstDefault();
    }

    /** The first installed default font (tests that make PDFs without Spring use it). */
    public static Optional<Path> firstDefault() {
        return DEFAULTS.stream().filter(Files::isReadable).findFirst();
    }

    /**
     * Loads the font into the document for subset embedding: a .ttf, or the first font of a .ttc — whose collection
     * is added to {@code open}, to be closed after the document is saved (the subset is embedded on save).
     */
    public static PDType0Font load(PDDocument doc, Path file, List<Closeable> open) throws IOException {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            return PDType0Font.load(doc, file.toFile());
        }
        TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
        open.add(collection);
        TrueTypeFont[] first = new TrueTypeFont[1];
        collection.processAllFonts(f -> {
            if (first[0] == null) {
                first[0] = f;
            }
        });
        return PDType0Font.load(doc, first[0], true);
    }
}
