package cn.canbao.bulletin.web;

import cn.canbao.bulletin.Bulletin;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.bulletin.BulletinService;
import cn.canbao.bulletin.export.BulletinExports;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/campaigns/{id}/bulletins} — the campaign's bulletins the caller may read (published;
 * drafts too for county leaders), one bulletin with its rows as JSON, as PDF ({@code /{number}.pdf})
 * and as Excel ({@code /{number}.xlsx}). HTTP Basic; scoped like the campaign.
 */
@RestController
@RequestMapping("/api/campaigns/{id}/bulletins")
class BulletinController {

    private final BulletinService bulletins;
    private final BulletinExports exports;

    BulletinController(BulletinService bulletins, BulletinExports exports) {
        this.bulletins = bulletins;
        this.exports = exports;
    }

    record BulletinResponse(Bulletin bulletin, List<BulletinRow> rows) {}

    @GetMapping
    List<Bulletin> list(@PathVariable long id) {
        return bulletins.list(id);
    }

    @GetMapping("/{number:\\d+}")
    BulletinResponse get(@PathVariable long id, @PathVariable int number) {
        Bulletin b = bulletins.get(id, number);
        return new BulletinResponse(b, bulletins.rows(b.id()));
    }

    @GetMapping("/{number:\\d+}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, @PathVariable int number) {
        return file(bulletins.get(id, number), "pdf", BulletinExports.PDF, exports::pdf);
    }

    @GetMapping("/{number:\\d+}.xlsx")
    ResponseEntity<byte[]> excel(@PathVariable long id, @PathVariable int number) {
        return file(bulletins.get(id, number), "xlsx", BulletinExports.XLSX, exports::excel);
    }

    private static ResponseEntity<byte[]> file(
            Bulletin b, String extension, String type, BiConsumer<Bulletin, ByteArrayOutputStream> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.accept(b, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(BulletinExports.fileName(b, extension))
                                .build()
                                .toString())
                .body(out.toByteArray());
    }
}
