package cn.canbao.setup;

import cn.canbao.security.SystemAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Runs {@link DeploymentSetup} at start-up with what the configuration gives. The administrator's
 * password comes from the environment ({@code CANBAO_SETUP_ADMIN_PASSWORD}) and is never logged.
 */
@Component
@Order(-10)
class SetupOnStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SetupOnStart.class);

    private final DeploymentSetup setup;
    private final Environment env;

    SetupOnStart(DeploymentSetup setup, Environment env) {
        this.setup = setup;
        this.env = env;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemAccess.run(this::setUp); // start-up work belongs to no person
    }

    private void setUp() {
        String regionsFile = env.getProperty("canbao.setup.regions-file");
        if (StringUtils.hasText(regionsFile)) {
            try (var reader = Files.newBufferedReader(Path.of(regionsFile), StandardCharsets.UTF_8)) {
                setup.loadRegions(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read canbao.setup.regions-file " + regionsFile, e);
            }
        }
        String password = env.getProperty("canbao.setup.admin-password");
        String region = env.getProperty("canbao.setup.admin-region");
        if (StringUtils.hasText(password) && StringUtils.hasText(region)) {
            setup.ensureAdministrator(env.getProperty("canbao.setup.admin-username", "admin"), password, region);
        } else if (StringUtils.hasText(password) || StringUtils.hasText(region)) {
            log.warn("canbao.setup.admin-password and canbao.setup.admin-region must both be set to create "
                    + "the first administrator; nothing created");
        }
    }
}
