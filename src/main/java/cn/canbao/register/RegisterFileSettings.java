package cn.canbao.register;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Yancheng pilot's file fields as this deployment writes them ({@code canbao.register.file.*}). The pilot names
 * 档案编号 but not its form, so the prefix of the numbers is a setting.
 *
 * @param numberPrefix letters in front of every file number (档案编号): prefix + household county (6 digits) + year
 *                     the file was made (4) + sequence (8); default {@code DA}
 */
@ConfigurationProperties("canbao.register.file")
public record RegisterFileSettings(String numberPrefix) {

    public RegisterFileSettings {
        numberPrefix = numberPrefix == null ? "DA" : numberPrefix.strip();
        if (!numberPrefix.matches("[A-Z]{0,6}")) {
            throw new IllegalStateException(
                    "canbao.register.file.number-prefix must be 0 to 6 capital letters, not " + numberPrefix);
        }
    }
}
