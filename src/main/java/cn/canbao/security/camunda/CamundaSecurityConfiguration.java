package cn.canbao.security.camunda;

import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts Camunda behind Canbao's login: the engine reads users and groups from our tables, and the
 * REST API (/engine-rest) and webapps (/camunda) take the user Spring Security authenticated.
 * Both filters run after Spring Security's chain (order -100), which already refused anonymous calls.
 */
@Configuration(proxyBeanMethods = false)
class CamundaSecurityConfiguration {

    private static final String PROVIDER_PARAM = "authentication-provider";

    @Bean
    AbstractProcessEnginePlugin canbaoIdentityPlugin(CamundaDirectory directory) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setIdentityProviderSessionFactory(new SessionFactory() {
                    @Override
                    public Class<?> getSessionType() {
                        return ReadOnlyIdentityProvider.class;
                    }

                    @Override
                    public Session openSession() {
                        return new CamundaIdentityProvider(directory);
                    }
                });
            }
        };
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("canbao-engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setInitParameters(Map.of(
                PROVIDER_PARAM,
                CamundaEngineAuthentication.class.getName(),
                "rest-url-pattern-prefix",
                "/engine-rest"));
        registration.setOrder(101);
        return registration;
    }

    /**
     * Turns our login session into a Camunda webapp authentication (stored in the HTTP session).
     * Camunda's own "Authentication Filter" still runs after it and exposes that authentication to
     * the webapps' APIs (e.g. {@code /camunda/api/admin/auth/user/default}); being ordered before
     * Camunda's initializer, this filter's mapping comes first in the chain.
     */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("canbao-webapp-authentication");
        registration.addUrlPatterns("/camunda/*");
        registration.setInitParameters(Map.of(PROVIDER_PARAM, CamundaEngineAuthentication.class.getName()));
        registration.setOrder(101);
        return registration;
    }
}
