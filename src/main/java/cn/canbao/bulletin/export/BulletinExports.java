package cn.canbao.bulletin.export;

import cn.canbao.base.pdf.PdfFonts;
import cn.canbao.bulletin.Bulletin;
import cn.canbao.bulletin.BulletinService;
import java.io.OutputStream;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** A readable bulletin as PDF or Excel, for the views' download links and the REST API. */
@Component
public class BulletinExports {

    public static final String PDF = "application/pdf";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final BulletinService bulletins;
    private final PdfFonts fonts;

    BulletinExports(BulletinService bulletins, PdfFonts fonts) {
        this.bulletins = bulletins;
        this.fonts = fonts;
    }

    /** Whether PDFs can be made here (a CJK font is installed or configured). */
    public boolean pdfAvailable() {
        return fonts.find().isPresent();
    }

    /** Refused with {@code pdf.noFont} when there is no CJK font. */
    public void pdf(Bulletin b, OutputStream out) {
        Path font = fonts.require();
        BulletinPdf.write(b, bulletins.rows(b.id()), bulletins.groupRows(b.id()), font, out);
    }

    public void excel(Bulletin b, OutputStream out) {
        BulletinWorkbook.write(b, bulletins.rows(b.id()), bulletins.groupRows(b.id()), out);
    }

    public static String fileName(Bulletin b, String extension) {
        return "bulletin-" + b.campaignId() + "-" + b.number() + "." + extension;
    }
}
