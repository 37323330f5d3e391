package cn.canbao.notify.jobs;

import cn.canbao.notify.NotifySettings;
import cn.canbao.notify.channel.DingTalkRobot;
import cn.canbao.notify.channel.StaffChannel;
import cn.canbao.notify.channel.StaffSmsChannel;
import cn.canbao.notify.channel.WeComRobot;
import cn.canbao.notify.persistence.NoticeStore;
import cn.canbao.security.UserService;
import cn.canbao.sms.SmsOutbox;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The channels, the delivery and its worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifySettings.class)
public class NotifyConfiguration {

    @Bean
    StaffSmsChannel staffSmsChannel(SmsOutbox outbox, org.springframework.context.MessageSource messages) {
        return new StaffSmsChannel(outbox, messages);
    }

    @Bean
    WeComRobot weComRobot(NotifySettings settings) {
        return new WeComRobot(settings);
    }

    @Bean
    DingTalkRobot dingTalkRobot(NotifySettings settings, Clock clock) {
        return new DingTalkRobot(settings, clock);
    }

    @Bean
    NoticeDelivery noticeDelivery(
            NoticeStore store,
            List<StaffChannel> channels,
            NotifySettings settings,
            UserService users,
            PlatformTransactionManager transactions,
            Clock clock) {
        return new NoticeDelivery(store, channels, settings, users, new TransactionTemplate(transactions), clock);
    }

    @Bean
    DeliveryWorker staffNoticeWorker(NoticeDelivery delivery, NotifySettings settings) {
        return new DeliveryWorker(delivery, settings.worker());
    }
}
