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

/** The gateway chosen by {@code canbao.sms.gateway}, the dispatcher and its background worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsSettings.class)
class SmsConfiguration {

    @Bean
    SmsGateway smsGateway(SmsSettings settings, JdbcTemplate jdbc) {
        return switch (settings.gateway()) {
            case "twilio" -> new TwilioGateway(settings.twilio());
            case "local" -> new LocalGateway(jdbc);
            default -> throw new IllegalStateException("canbao.sms.gateway must be local or twilio, not "
                    + settings.gateway());
        };
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
