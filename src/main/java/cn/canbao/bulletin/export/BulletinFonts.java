package cn.canbao.bulletin.export;

import cn.canbao.bulletin.BulletinException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The CJK TrueType font the PDF bulletin embeds: {@code canbao.bulletin.font} when set, else the first
 * of the usual Debian CJK fonts that exists. Without one the PDF is refused: never boxes instead of text.
 */
@Component
class BulletinFonts {

    /** fonts-wqy-microhei, fonts-noto-cjk, fonts-arphic-uming (.ci/run installs the first). */
    static final List<Path> DEFAULTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

    private final String configured;

    BulletinFonts(@Value("${canbao.bulletin.font:}") String configured) {
        this.configured = configured;
    }

    /** The font file, or {@code bulletin.pdf.noFont} naming where it was looked for. */
    Path require() {
        return find().orElseThrow(() -> new BulletinException(
                "bulletin.pdf.noFont", configured.isBlank() ? DEFAULTS.get(0).toString() : configured));
    }

    Optional<Path> find() {
        if (!configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isReadable(path) ? Optional.of(path) : Optional.empty();
        }
        return firstDefault();
    }

    static Optional<Path> firstDefault() {
        return DEFAULTS.stream().filter(Files::isReadable).findFirst();
    }
}
