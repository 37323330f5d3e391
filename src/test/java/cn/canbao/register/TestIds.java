package cn.canbao.register;

import cn.canbao.register.person.IdNumber;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Valid ID numbers for tests: region, birth date and a sequence (odd: male). */
public final class TestIds {

    private TestIds() {}

    public static String id(String region6, LocalDate birth, int sequence) {
        String first17 = region6 + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        return first17 + IdNumber.checkCharacter(first17);
    }
}
