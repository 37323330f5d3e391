package cn.canbao.outreach.field;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The field page in this deployment ({@code canbao.outreach.field.*}).
 *
 * @param photoMaxSize the largest photo of a receipt or notice a visit may carry (the phone scales larger ones down
 *                     before it stores them; the server refuses what is still larger)
 */
@ConfigurationProperties("canbao.outreach.field")
public record FieldSettings(DataSize photoMaxSize) {

    public FieldSettings {
        photoMaxSize = photoMaxSize == null ? DataSize.ofMegabytes(5) : photoMaxSize;
    }
}
