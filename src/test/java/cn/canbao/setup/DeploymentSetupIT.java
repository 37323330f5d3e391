package cn.canbao.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionException;
import cn.canbao.region.RegionSummary;
import cn.canbao.security.AsSystem;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;

/** A real deployment without the demo: its region list from a file, its first admin from the environment. */
@CanbaoIntegrationTest
@AsSystem
class DeploymentSetupIT extends IntegrationTestBase {

    static final String LIST = """
            code,name,level,parent_code,grid_kind,sector,household_population
            330000000000,浙江省,PROVINCE,,,,
            330100000000,杭州市,CITY,330000000000,,,
            330102000000,上城区,COUNTY,330100000000,,,560000
            330102001000,清波街道,TOWNSHIP,330102000000,,,21000
            330102001001,清波门社区,VILLAGE,330102001000,,,4100
            330102001001001,清波门第一网格,GRID,330102001001,COMMUNITY,,900
            330102001001002,教育行业网格,GRID,330102001001,INDUSTRY,EDUCATION,
            """;

    @Autowired
    DeploymentSetup setup;

    @Autowired
    DaoAuthenticationProvider authentication;

    @Test
    void regionListLoadsOnceAndTheFirstAdminSeesOnlyTheirSubtree() throws Exception {
        assertThat(setup.loadRegions(new StringReader(LIST))).isEqualTo(7);
        assertThat(setup.loadRegions(new StringReader(LIST))).isZero();
        assertThat(jdbc.queryForObject("select path::text from region where code = '330102001001002'", String.class))
                .isEqualTo("330000000000.330100000000.330102000000.330102001000.330102001001.330102001001002");

        assertThat(setup.ensureAdministrator("zj.admin", "zj-admin-pass-1", "330102000000"))
                .isTrue();
        assertThat(setup.ensureAdministrator("zj.admin", "another-pass-2", "330102000000"))
                .isFalse();
        var login = authentication.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("zj.admin", "zj-admin-pass-1"));
        assertThat(login.isAuthenticated()).isTrue();
        security.as(
                "zj.admin",
                () -> assertThat(regions.roots())
                        .extracting(RegionSummary::region)
                        .extracting(r -> r.code())
                        .containsExactly("330102000000"));
    }

    @Test
    void aBadLineIsNamedAndNothingOfTheFileIsLoaded() {
        String bad = """
                code,name,level,parent_code,grid_kind,sector,household_population
                440000000000,广东省,PROVINCE,,,,
                440100000000,广州市,CITY,440000000000,,,
                440103000000,荔湾区,COUNTY,440100000000,,,lots
                """;
        assertThatThrownBy(() -> setup.loadRegions(new StringReader(bad)))
                .isInstanceOfSatisfying(RegionException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("region.error.fileLine");
                    assertThat(e.args()).contains(4);
                });
        String orphan = """
                code,name,level,parent_code,grid_kind,sector,household_population
                450000000000,广西壮族自治区,PROVINCE,,,,
                450103000000,青秀区,COUNTY,450100000000,,,
                """;
        assertThatThrownBy(() -> setup.loadRegions(new StringReader(orphan))).isInstanceOf(RegionException.class);
        assertThat(jdbc.queryForObject(
                        "select count(*) from region where code like '44%' or code like '45%'", Integer.class))
                .isZero();
    }
}
