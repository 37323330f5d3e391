package cn.canbao.demo;

import cn.canbao.demo.synthetic.SyntheticCounty;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportService;
import cn.canbao.register.RegisterService;
import cn.canbao.security.SystemAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Fills the demo county's register once: writes the synthetic extracts (578,096 people) and imports
 * them in the background through the ordinary import pipeline, so the app is usable at once and the
 * imports page shows their progress. On with the demo unless {@code canbao.demo.register=false}.
 */
@Component
@Order(1)
@ConditionalOnProperty(
        name = {"canbao.demo.enabled", "canbao.demo.register"},
        havingValue = "true",
        matchIfMissing = false)
class DemoRegisterLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRegisterLoader.class);
    private static final List<String> ORDER =
            List.of("police_household", "insurance_status", "hardship", "student", "tax_payment");

    private final RegisterService register;
    private final ImportService imports;
    private final Path dir;

    DemoRegisterLoader(RegisterService register, ImportService imports, Environment env) {
        this.register = register;
        this.imports = imports;
        this.dir = Path.of(env.getProperty("canbao.demo.register-dir", "data/demo-register"));
    }

    @Override
    public void run(ApplicationArguments args) {
        if (SystemAccess.call(
                () -> register.personCount() > 0 || !imports.recent(1).isEmpty())) {
            return;
        }
        try {
            SyntheticCounty.Summary county = SyntheticCounty.write(dir, DemoCountyHierarchy.SEED);
            log.info(
                    "Demo register: {} synthetic persons written to {}; importing in the background (see 数据导入)",
                    county.persons(),
                    dir.toAbsolutePath());
            SystemAccess.run(() -> ORDER.forEach(kind -> {
                Path file = county.files().get(kind);
                try (InputStream in = Files.newInputStream(file)) {
                    imports.startFor(
                            YongchunSeed.COUNTY_CODE,
                            ExtractKind.parse(kind).orElseThrow(),
                            file.getFileName().toString(),
                            in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo register to " + dir, e);
        }
    }
}
