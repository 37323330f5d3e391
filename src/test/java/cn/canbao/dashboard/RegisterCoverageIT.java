package cn.canbao.dashboard;

import static cn.canbao.dashboard.RegisterOnlyCounty.COUNTY;
import static cn.canbao.dashboard.RegisterOnlyCounty.TOWNSHIP_1;
import static cn.canbao.dashboard.RegisterOnlyCounty.TOWNSHIP_2;
import static cn.canbao.dashboard.RegisterOnlyCounty.TOWNSHIP_3;
import static cn.canbao.dashboard.RegisterOnlyCounty.VILLAGE_1;
import static cn.canbao.dashboard.RegisterOnlyCounty.YEAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.base.AccessRefused;
import cn.canbao.quota.Baseline;
import cn.canbao.security.Role;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Before any campaign the dashboard shows the register's coverage of the caller's region: for a seeded county of five
 * residents without a campaign, the county's and its townships' registered / insured / uninsured and coverage of the
 * newest year with anyone insured; a township leader sees their township and its village; a township cadre (who sees
 * dashboards only through a campaign's grants) is refused.
 */
@CanbaoIntegrationTest
class RegisterCoverageIT extends IntegrationTestBase {

    @Autowired
    RegisterOnlyCounty county;

    @Autowired
    DashboardService dashboards;

    @BeforeEach
    void seeded() {
        county.ensure();
        security.ensureUser("register.only.leader", COUNTY, Role.COUNTY_LEADER);
        security.ensureUser("register.only.township", TOWNSHIP_1, Role.TOWNSHIP_LEADER);
        security.ensureUser("register.only.cadre", TOWNSHIP_1, Role.TOWNSHIP_CADRE);
    }

    @Test
    void theCountyLeaderSeesTheRegistersCoverageWithoutACampaign() {
        assertThat(security.as("register.only.leader", () -> dashboards.campaigns()))
                .isEmpty();

        RegisterCoverage coverage = security.as("register.only.leader", () -> dashboards.registerCoverage())
                .orElseThrow();

        assertThat(coverage.region().code()).isEqualTo(COUNTY);
        assertThat(coverage.year()).isEqualTo(YEAR);
        Baseline total = coverage.total();
        assertThat(total.regionCode()).isEqualTo(COUNTY);
        assertThat(total.registered()).isEqualTo(5);
        assertThat(total.insuredTotal()).isEqualTo(3);
        assertThat(total.uninsured()).isEqualTo(2);
        assertThat(total.coverageRate()).isEqualByComparingTo(new BigDecimal("60.00"));
        assertThat(coverage.children())
                .extracting(
                        Baseline::regionName,
                        Baseline::registered,
                        Baseline::insuredTotal,
                        Baseline::uninsured,
                        b -> b.coverageRate().toPlainString())
                .containsExactly(
                        tuple("庚镇", 3, 2, 1, "66.67"), tuple("辛乡", 2, 1, 1, "50.00"), tuple("壬乡", 0, 0, 0, "0.00"));
    }

    @Test
    void aTownshipLeaderSeesTheirTownshipAndACadreIsRefused() {
        RegisterCoverage township = security.as("register.only.township", () -> dashboards.registerCoverage())
                .orElseThrow();
        assertThat(township.region().code()).isEqualTo(TOWNSHIP_1);
        assertThat(township.total().registered()).isEqualTo(3);
        assertThat(township.total().insuredTotal()).isEqualTo(2);
        assertThat(township.children()).extracting(Baseline::regionCode).containsExactly(VILLAGE_1);
        assertThat(township.children()).extracting(Baseline::regionCode).doesNotContain(TOWNSHIP_2);

        assertThatThrownBy(() -> security.as("register.only.cadre", () -> dashboards.registerCoverage()))
                .isInstanceOf(AccessRefused.class);
    }

    @Test
    void aRegionTheRegisterHoldsNoEnrollmentsOfShowsNothing() {
        security.ensureUser("register.only.elsewhere", TOWNSHIP_3, Role.TOWNSHIP_LEADER);
        assertThat(security.as("register.only.elsewhere", () -> dashboards.registerCoverage()))
                .isEqualTo(Optional.empty());
    }
}
