package cn.canbao.base;

import cn.canbao.base.database.DatabaseEnvironmentPostProcessor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One start-up line saying where Canbao listens, which database and profiles it uses, and its heap. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        Runtime rt = Runtime.getRuntime();
        long usedMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        String profiles = env.getActiveProfiles().length == 0 ? "default" : String.join(",", env.getActiveProfiles());
        log.info(
                "Canbao ready at http://localhost:{}/ in {} s (JVM up {} s) · database: {} · profiles: {} · heap used {} MB",
                env.getProperty("local.server.port", env.getProperty("server.port", "8080")),
                String.format("%.1f", event.getTimeTaken().toMillis() / 1000.0),
                String.format("%.1f", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0),
                env.getProperty(DatabaseEnvironmentPostProcessor.DESCRIPTION, "?"),
                profiles,
                usedMb);
        if (log.isDebugEnabled()) {
            log.debug("Active profiles: {}", Arrays.toString(env.getActiveProfiles()));
        }
    }
}
