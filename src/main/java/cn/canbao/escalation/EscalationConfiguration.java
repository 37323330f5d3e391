package cn.canbao.escalation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code canbao.escalation.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EscalationSettings.class)
class EscalationConfiguration {}
