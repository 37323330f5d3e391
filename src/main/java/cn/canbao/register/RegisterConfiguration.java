package cn.canbao.register;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The register's settings. */
@Configuration
@EnableConfigurationProperties(RegisterFileSettings.class)
class RegisterConfiguration {}
