package cn.canbao.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The robots bind from environment variables as the README says; quiet windows across midnight; the backoff. */
class NotifySettingsTest {

    @Test
    void robotsBindFromTheEnvironmentPerRegionCode() {
        StandardEnvironment env = new StandardEnvironment();
        // in place of the process's environment (Spring maps the names of the source called systemEnvironment)
        env.getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "CANBAO_NOTIFY_ROBOTS_350525000000_KIND", "DINGTALK",
                                        "CANBAO_NOTIFY_ROBOTS_350525000000_URL",
                                                "https://oapi.dingtalk.com/robot/send?access_token=t",
                                        "CANBAO_NOTIFY_ROBOTS_350525000000_SECRET", "SECx",
                                        "CANBAO_PUBLIC_URL_UNUSED", "x",
                                        "CANBAO_NOTIFY_QUIET_START", "22:30")));
        NotifySettings settings =
                new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("canbao.notify", NotifySettings.class);
        assertThat(settings.robots())
                .containsEntry(
                        "350525000000",
                        new NotifySettings.Robot(
                                NotifySettings.RobotKind.DINGTALK,
                                "https://oapi.dingtalk.com/robot/send?access_token=t",
                                "SECx"));
        assertThat(settings.quietStart()).isEqualTo(LocalTime.of(22, 30));
        assertThat(settings.quietEnd()).isEqualTo(LocalTime.of(7, 0));
    }

    @Test
    void quietWindowsMaySpanMidnight() {
        assertThat(NotifySettings.within(LocalTime.of(23, 0), LocalTime.of(21, 0), LocalTime.of(7, 0)))
                .isTrue();
        assertThat(NotifySettings.within(LocalTime.of(6, 59), LocalTime.of(21, 0), LocalTime.of(7, 0)))
                .isTrue();
        assertThat(NotifySettings.within(LocalTime.of(7, 0), LocalTime.of(21, 0), LocalTime.of(7, 0)))
                .isFalse();
        assertThat(NotifySettings.within(LocalTime.of(13, 0), LocalTime.of(12, 0), LocalTime.of(14, 0)))
                .isTrue();
    }

    @Test
    void theBackoffDoublesUpToItsMaximum() {
        NotifySettings s = new Binder(ConfigurationPropertySources.get(new StandardEnvironment()))
                .bindOrCreate("canbao.notify", NotifySettings.class);
        assertThat(s.backoffFor(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoffFor(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.backoffFor(30)).isEqualTo(Duration.ofHours(1));
    }
}
