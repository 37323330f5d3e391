package cn.canbao.dashboard;

import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionService;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportTestSupport;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the dashboard's test counties do to exist: the region tree, the county's clerk, and its register imported
 * by that clerk, residents (police household rows with mobiles) first, then their insurance. Idempotent.
 */
@Component
class CountyRegister {

    private final RegionService regions;
    private final SecurityTestSupport security;
    private final ImportTestSupport importer;

    CountyRegister(RegionService regions, SecurityTestSupport security, ImportTestSupport importer) {
        this.regions = regions;
        this.security = security;
        this.importer = importer;
    }

    /**
     * The tree starts with the county (the clerk's region); the rows are the files' lines without their header, and
     * the file names keep one import apart from another.
     */
    void load(
            List<NewRegion> tree, String clerk, String peopleFile, String people, String insuredFile, String insured) {
        SystemAccess.run(() -> regions.createMissing(tree));
        security.ensureUser(clerk, tree.get(0).code(), Role.CLERK);
        importer.importAs(clerk, ExtractKind.POLICE_HOUSEHOLD, peopleFile, ExtractHeaders.POLICE_WITH_MOBILE + people);
        importer.importAs(clerk, ExtractKind.INSURANCE_STATUS, insuredFile, ExtractHeaders.INSURANCE + insured);
    }
}
