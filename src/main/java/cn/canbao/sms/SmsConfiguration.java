package cn.canbao.sms;

import cn.canbao.register.RegisterHistories;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Clock;

/**
 * The gateway chosen by {@code canbao.sms.gateway} (local, twilio, aliyun), the provider's approved templates, the
 * dispatcher and its background worker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsSettings.class)
class SmsConfiguration {

    @Bean
    SmsGateway smsGateway(SmsSettings settings, JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        return gateway(settings, jdbc, clock.getIfUnique(Clock::systemUTC));
    }

    static SmsGateway gateway(SmsSettings settings, JdbcTemplate jdbc, Clock clock) {
        return switch (settings.gateway()) {
            case "aliyun" -> new AliyunGateway(settings.aliyun(), settings.zone(), clock);
            case "twilio" -> new TwilioGateway(settings.twilio());
            case "local" -> new LocalGateway(jdbc);
            default -> throw new IllegalStateException("canbao.sms.gateway must be local, twilio or aliyun, not "
                    + settings.gateway());
        };
    }

    /** With a provider that sends only approved templates (aliyun), those; else none (the counties' texts are sent). */
    @Bean
    ApprovedTemplates approvedTemplates(SmsSettings settings) {
        return approvedTemplates(settings.gateway(), settings.aliyun());
    }

    static ApprovedTemplates approvedTemplates(String gateway, SmsSettings.Aliyun aliyun) {
        return "aliyun".equals(gateway) ? ApprovedTemplates.of(aliyun) : ApprovedTemplates.none();
    }

    /** Uses the application's Clock if one is defined (tests fix the time), else the system's. */
    @Bean
    SmsDispatcher smsDispatcher(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                                SmsGateway gateway, SmsSettings settings, ObjectProvider<Clock> clock,
                                RegisterHistories register) {
        return new SmsDispatcher(jdbc, dataSource, transactions, gateway, settings,
                clock.getIfUnique(Clock::systemUTC), ManagementFactory.getRuntimeMXBean().getName(), register);
    }

    @Bean
    SmsDispatchWorker smsDispatchWorker(SmsDispatcher dispatcher, SmsSettings settings) {
        return new SmsDispatchWorker(dispatcher, settings.dispatcher());
    }
}
