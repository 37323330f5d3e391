package cn.canbao.sms.dispatch;

import cn.canbao.register.RegisterHistories;
import cn.canbao.sms.SmsSettings;
import cn.canbao.sms.gateway.AliyunGateway;
import cn.canbao.sms.gateway.LocalGateway;
import cn.canbao.sms.gateway.SmsGateway;
import cn.canbao.sms.gateway.TwilioGateway;
import cn.canbao.sms.templates.ApprovedTemplates;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The gateway chosen by {@code canbao.sms.gateway} (local, twilio, aliyun), the provider's approved templates, the
 * dispatcher and its background worker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsSettings.class)
public class SmsConfiguration {

    @Bean
    SmsGateway smsGateway(SmsSettings settings, JdbcTemplate jdbc, Clock clock) {
        return gateway(settings, jdbc, clock);
    }

    public static SmsGateway gateway(SmsSettings settings, JdbcTemplate jdbc, Clock clock) {
        SmsGateway gateway = switch (settings.gateway()) {
            case "aliyun" -> new AliyunGateway(settings.aliyun(), clock.getZone(), clock);
            case "twilio" ->
                new TwilioGateway(settings.twilio(), settings.dispatcher().sendersFor(settings.ratePerSecond()), clock);
            case "local" -> new LocalGateway(jdbc);
            default ->
                throw new IllegalStateException(
                        "canbao.sms.gateway must be local, twilio or aliyun, not " + settings.gateway());
        };
        // a lookup while the send is still waiting for its answer would find nothing and send the message twice
        if (settings.reconcileAfter().compareTo(gateway.longestCall()) <= 0) {
            throw new IllegalStateException(
                    "canbao.sms.reconcile-after (" + settings.reconcileAfter() + ") must be longer " + "than the "
                            + gateway.name() + " gateway's longest call (" + gateway.longestCall() + ")");
        }
        return gateway;
    }

    /** With a provider that sends only approved templates (aliyun), those; else none (the counties' texts are sent). */
    @Bean
    ApprovedTemplates approvedTemplates(SmsSettings settings) {
        return approvedTemplates(settings.gateway(), settings.aliyun());
    }

    public static ApprovedTemplates approvedTemplates(String gateway, SmsSettings.Aliyun aliyun) {
        return "aliyun".equals(gateway) ? ApprovedTemplates.of(aliyun) : ApprovedTemplates.none();
    }

    /** On the application's clock: quiet hours, deferrals and retries by the time the engine and tests share. */
    @Bean
    SmsDispatcher smsDispatcher(
            JdbcTemplate jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            SmsGateway gateway,
            SmsSettings settings,
            Clock clock,
            RegisterHistories register,
            ObjectProvider<MeterRegistry> meters) {
        return new SmsDispatcher(
                jdbc,
                dataSource,
                transactions,
                gateway,
                settings,
                clock,
                ManagementFactory.getRuntimeMXBean().getName(),
                register,
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    SmsDispatchWorker smsDispatchWorker(SmsDispatcher dispatcher, SmsSettings settings) {
        return new SmsDispatchWorker(dispatcher, settings.dispatcher());
    }
}
