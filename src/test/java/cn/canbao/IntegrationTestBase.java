package cn.canbao;

import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.TestCampaigns;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.ImportTestSupport;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What nearly every integration test reaches for: users acting at a region, the demo county's region tree, imports of
 * extract files, campaigns (started and ended as tests need them), and the database whose rows the assertions read. Tests extend it and keep {@link CanbaoIntegrationTest} on their own class,
 * so they all share the one Spring context.
 */
public abstract class IntegrationTestBase {

    @Autowired
    protected SecurityTestSupport security;

    @Autowired
    protected RegionService regions;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ImportTestSupport importer;

    @Autowired
    protected CampaignService campaigns;

    @Autowired
    protected TestCampaigns testCampaigns;

    /** The code of the first region (by the tree's order) at that level under the given one, read as the system. */
    protected String firstBelow(String regionCode, RegionLevel level) {
        return below(regionCode, level, 0);
    }

    /** The code of the region at that level under the given one, {@code index} in the tree's order (0 the first). */
    protected String below(String regionCode, RegionLevel level, int index) {
        return SystemAccess.call(
                () -> regions.descendantsAtLevel(regionCode, level).get(index).code());
    }
}
