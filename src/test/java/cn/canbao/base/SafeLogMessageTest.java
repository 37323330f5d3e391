package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** A username or file name with line breaks cannot forge a log entry; our own multi-line texts stay as written. */
class SafeLogMessageTest {

    private final SafeLogMessage converter = new SafeLogMessage();
    private final LoggerContext context = new LoggerContext();

    private String render(String pattern, Object... args) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.WARN, pattern, null, args);
        return converter.convert(event);
    }

    @Test
    void argumentsLoseTheirLineBreaksAndControlCharacters() {
        assertThat(render("Login refused for '{}': {}", "admin\n2026-12-04 INFO  forged entry", "bad\r\npassword"))
                .isEqualTo("Login refused for 'admin_2026-12-04 INFO  forged entry': bad__password")
                .doesNotContain("\n", "\r");
        assertThat(render("file {}", "a\u2028b\tc\u0000d\u001b[31m")).isEqualTo("file a_b_c_d_[31m");
        assertThat(render("{} {}", "张三", 42)).isEqualTo("张三 42");
    }

    @Test
    void theMessageOwnTextIsKept() {
        assertThat(render("\n==== Demo logins:\n  admin  x\n")).isEqualTo("\n==== Demo logins:\n  admin  x\n");
    }

    @Test
    void neutraliseLeavesCleanTextAlone() {
        assertThat(SafeLogMessage.neutralise("永春县 350525")).isEqualTo("永春县 350525");
        assertThat(SafeLogMessage.neutralise(null)).isNull();
    }
}
