package cn.canbao.supervision;

import static cn.canbao.dashboard.DashboardTestCounty.COUNTY;
import static cn.canbao.dashboard.DashboardTestCounty.GRID_11;
import static cn.canbao.dashboard.DashboardTestCounty.TOWNSHIP_1;
import static cn.canbao.dashboard.DashboardTestCounty.TOWNSHIP_2;
import static cn.canbao.dashboard.DashboardTestCounty.VILLAGE_1;
import static cn.canbao.dashboard.DashboardTestCounty.VILLAGE_2;
import static cn.canbao.dashboard.DashboardTestCounty.VILLAGE_3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.base.DomainException;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.dashboard.Dashboard;
import cn.canbao.dashboard.DashboardService;
import cn.canbao.dashboard.DashboardTestCounty;
import cn.canbao.dashboard.RegionFigures;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.NewUser;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityAudit;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserService;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * 包村 and 联合督导组 on real PostgreSQL, over the dashboard's county of seven residents: a township cadre reads exactly
 * the villages a leader assigned (the same figures the county leader reads there) and nothing else; a supervisor reads
 * the county of the campaign whose live team counts them, read only, and loses it when removed, when the team is
 * dissolved and when the campaign ends. Every attack asserts the refusal and that no row changed.
 */
@CanbaoIntegrationTest
class SupervisionIT extends IntegrationTestBase {

    static final int YEAR = 2071; // DashboardTestCounty's year (its register is imported once)
    static final String COUNTY_LEADER = "sup.county.leader";
    static final String LEADER_1 = "sup.township1.leader";
    static final String LEADER_2 = "sup.township2.leader";
    static final String CADRE = "sup.cadre";
    static final String CADRE_2 = "sup.cadre.two";
    static final String SUPERVISOR = "sup.tax.supervisor";
    static final String CLERK_1 = "sup.township1.clerk";

    @LocalServerPort
    int port;

    @Autowired
    DashboardTestCounty county;

    @Autowired
    DashboardService dashboards;

    @Autowired
    CadreAssignmentService cadres;

    @Autowired
    SupervisionService teams;

    @Autowired
    UserService users;

    @Autowired
    SecurityAudit audit;

    @Autowired
    UserDetailsService details;

    @Autowired
    RuntimeService runtime;

    @Autowired
    cn.canbao.task.TaskInbox inbox;

    private Campaign campaign;
    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void countyWithCadresAndASupervisor() {
        county.ensure(YEAR);
        security.ensureUser(COUNTY_LEADER, COUNTY, Role.COUNTY_LEADER);
        security.ensureUser(LEADER_1, TOWNSHIP_1, Role.TOWNSHIP_LEADER);
        security.ensureUser(LEADER_2, TOWNSHIP_2, Role.TOWNSHIP_LEADER);
        security.ensureUser(CADRE, TOWNSHIP_1, Role.TOWNSHIP_CADRE);
        security.ensureUser(CADRE_2, TOWNSHIP_2, Role.TOWNSHIP_CADRE);
        security.ensureUser(SUPERVISOR, COUNTY, Role.SUPERVISOR);
        security.ensureUser(CLERK_1, TOWNSHIP_1, Role.CLERK);
        // each test starts from nobody assigned and no team (rows of earlier tests end, as a leader would end them)
        jdbc.update(
                "update cadre_assignment set ended_by = 'test', ended_at = now() where ended_at is null "
                        + "and username in (?, ?)",
                CADRE,
                CADRE_2);
        campaign = testCampaigns.start(
                COUNTY_LEADER, NewCampaign.of("督导测试行动", YEAR, COUNTY, today.minusDays(9), today.plusDays(80)));
        SystemAccess.run(() -> campaigns.enterPhase(campaign.id(), CampaignPhase.IMPLEMENT));
    }

    @AfterEach
    void endTheCampaign() {
        if (runtime.createProcessInstanceQuery()
                        .processInstanceId(campaign.processInstanceId())
                        .count()
                > 0) {
            runtime.deleteProcessInstance(campaign.processInstanceId(), "test finished");
        }
    }

    @Test
    void aCadreReadsExactlyTheVillagesTheTownshipLeaderAssigned() {
        List<CadreAssignment> after = security.as(LEADER_1, () -> cadres.assign(CADRE, VILLAGE_1));
        assertThat(after)
                .extracting(CadreAssignment::villageCode, CadreAssignment::villageName, CadreAssignment::assignedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(VILLAGE_1, "丁一村", LEADER_1));
        // the township's assignments of this test's cadres (CadresBrowserIT assigns its own cadre in the same county)
        assertThat(security.as(LEADER_1, () -> cadres.assignments(TOWNSHIP_1)))
                .filteredOn(a -> List.of(CADRE, CADRE_2).contains(a.username()))
                .extracting(CadreAssignment::username, CadreAssignment::villageCode, CadreAssignment::displayName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CADRE, VILLAGE_1, "测试 " + CADRE));
        assertThat(lastAudit(CadreAssignmentService.ASSIGNED)).satisfies(e -> {
            assertThat(e.actor()).isEqualTo(LEADER_1);
            assertThat(e.subject()).isEqualTo(CADRE + " → " + VILLAGE_1);
            assertThat(e.outcome()).isEqualTo("ALLOWED");
        });

        // the cadre finds the campaign, opens on the village and reads what the county leader reads there
        assertThat(security.as(CADRE, () -> dashboards.campaigns()))
                .extracting(Campaign::id)
                .contains(campaign.id());
        assertThat(security.as(CADRE, () -> dashboards.startRegion(campaign.id())))
                .isEqualTo(VILLAGE_1);
        assertThat(security.as(CADRE, () -> cadres.myVillages()))
                .extracting(CadreAssignment::villageCode)
                .containsExactly(VILLAGE_1);
        Dashboard mine = security.as(CADRE, () -> dashboards.dashboard(campaign.id(), VILLAGE_1));
        Dashboard leaders = security.as(COUNTY_LEADER, () -> dashboards.dashboard(campaign.id(), VILLAGE_1));
        assertThat(mine.total()).isNotNull().isEqualTo(leaders.total());
        assertThat(mine.total().registered()).isEqualTo(4); // 甲 乙 丙 丁 live in 丁一村
        assertThat(mine.children()).isEqualTo(leaders.children());
        assertThat(mine.children())
                .extracting(RegionFigures::regionCode)
                .containsExactlyInAnyOrder(GRID_11, VILLAGE_1 + "002");
        assertThat(mine.breadcrumb()).extracting(r -> r.code()).containsExactly(VILLAGE_1);
        assertThat(security.as(CADRE, () -> dashboards.dashboard(campaign.id(), GRID_11))
                        .total())
                .isEqualTo(security.as(COUNTY_LEADER, () -> dashboards.dashboard(campaign.id(), GRID_11))
                        .total());

        // a second village, then the first one ended: the cadre follows the assignments as they are now
        security.as(COUNTY_LEADER, () -> cadres.assign(CADRE, VILLAGE_2));
        assertThat(security.as(CADRE, () -> dashboards.granted(campaign.id())))
                .extracting(r -> r.code())
                .containsExactly(VILLAGE_1, VILLAGE_2);
        security.as(LEADER_1, () -> cadres.unassign(CADRE, VILLAGE_1));
        assertThat(security.as(CADRE, () -> dashboards.dashboard(campaign.id(), VILLAGE_2))
                        .total()
                        .registered())
                .isEqualTo(2); // 戊 and 己 are registered in 丁二村 (己 lives in 戊一村)
        assertThatThrownBy(() -> security.as(CADRE, () -> dashboards.dashboard(campaign.id(), VILLAGE_1)))
                .isInstanceOf(DomainException.class);
        assertThat(jdbc.queryForObject(
                        "select ended_by from cadre_assignment where username = ? and village_code = ? "
                                + "order by id desc limit 1",
                        String.class,
                        CADRE,
                        VILLAGE_1))
                .isEqualTo(LEADER_1);
        assertThat(lastAudit(CadreAssignmentService.UNASSIGNED).subject()).isEqualTo(CADRE + " → " + VILLAGE_1);

        // over HTTP as well: the village answers, the township does not
        HttpAttacker cadre = HttpAttacker.basic(port, CADRE, SecurityTestSupport.PASSWORD);
        HttpResponse<String> own = cadre.get("/api/campaigns/" + campaign.id() + "/progress/" + VILLAGE_2);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(HttpAttacker.json(own).path("total").path("registered").asInt())
                .isEqualTo(2);
        // the binding shows the cadre no campaign: beyond the grant, the campaign is not revealed (404)
        assertThat(cadre.get("/api/campaigns/" + campaign.id() + "/progress/" + TOWNSHIP_1)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aCadreReadingAVillageNotAssignedToThemIsRefused() {
        security.as(LEADER_1, () -> cadres.assign(CADRE, VILLAGE_1));
        long figures = rows("dashboard_figure");
        // the rest of the township, the township itself, the other township, the county: refused at the door
        for (String code : List.of(VILLAGE_2, VILLAGE_2 + "001", TOWNSHIP_1, VILLAGE_3, TOWNSHIP_2, COUNTY)) {
            assertThatThrownBy(() -> security.as(CADRE, () -> dashboards.dashboard(campaign.id(), code)))
                    .as(code)
                    .isInstanceOf(DomainException.class);
        }
        // the binding to the township shows nothing either: not its regions, not its campaigns, not its users
        assertThatThrownBy(() -> security.as(CADRE, () -> regions.get(TOWNSHIP_1)))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> security.as(CADRE, () -> regions.get(VILLAGE_2)))
                .isInstanceOf(DomainException.class);
        assertThat(security.as(CADRE, () -> regions.roots())).isEmpty();
        assertThat(security.as(CADRE, () -> campaigns.list())).isEmpty();
        assertThatThrownBy(() -> security.as(CADRE, () -> dashboards.refreshNow(campaign.id())))
                .isInstanceOf(DomainException.class);
        CanbaoUser cadre = (CanbaoUser) details.loadUserByUsername(CADRE);
        assertThat(cadre.scope().empty()).isTrue();
        assertThat(cadre.camundaGroups()).noneMatch(g -> g.startsWith("within:"));
        // over HTTP: the unassigned village and the county are refused (the campaign not revealed beyond the grant)
        HttpAttacker http = HttpAttacker.basic(port, CADRE, SecurityTestSupport.PASSWORD);
        HttpResponse<String> village2 = http.get("/api/campaigns/" + campaign.id() + "/progress/" + VILLAGE_2);
        assertThat(village2.statusCode()).isEqualTo(404);
        assertThat(village2.body()).doesNotContain("registered");
        assertThat(http.get("/api/campaigns/" + campaign.id() + "/progress/" + COUNTY)
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/cadre-assignments?region=" + TOWNSHIP_1).statusCode())
                .isEqualTo(403);
        // a cadre of the other township assigned nothing reads nothing
        assertThat(security.as(CADRE_2, () -> dashboards.campaigns())).isEmpty();
        assertThatThrownBy(() -> security.as(CADRE_2, () -> dashboards.dashboard(campaign.id(), VILLAGE_3)))
                .isInstanceOf(DomainException.class);
        assertThat(rows("dashboard_figure")).isEqualTo(figures);
    }

    @Test
    void assignmentsStayWithinTheAssignersSubtreeAndRank() {
        long assignments = rows("cadre_assignment");
        long refusals = refusals();
        // the other township's leader: neither our cadre nor our village
        assertThatThrownBy(() -> security.as(LEADER_2, () -> cadres.assign(CADRE, VILLAGE_1)))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> security.as(LEADER_2, () -> cadres.assign(CADRE_2, VILLAGE_1)))
                .isInstanceOf(DomainException.class);
        // our leader: not the other township's village, not the other township's cadre
        assertThatThrownBy(() -> security.as(LEADER_1, () -> cadres.assign(CADRE, VILLAGE_3)))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> security.as(LEADER_1, () -> cadres.assign(CADRE_2, VILLAGE_1)))
                .isInstanceOf(DomainException.class);
        // the county leader outranks both cadres, but a cadre answers for villages of their own township only
        assertThatThrownBy(() -> security.as(COUNTY_LEADER, () -> cadres.assign(CADRE_2, VILLAGE_1)))
                .isInstanceOf(SupervisionException.class)
                .hasMessageContaining("villageOutsideTownship");
        // a user who is no cadre, a leader of one's own rank, oneself: refused
        assertThatThrownBy(() -> security.as(LEADER_1, () -> cadres.assign(CLERK_1, VILLAGE_1)))
                .isInstanceOf(SupervisionException.class)
                .hasMessageContaining("notCadre");
        security.ensureUser("sup.township1.deputy", TOWNSHIP_1, Role.TOWNSHIP_LEADER);
        assertThatThrownBy(() -> security.as(LEADER_1, () -> cadres.assign("sup.township1.deputy", VILLAGE_1)))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("outOfScope");
        // a cadre assigns nobody, themselves included; a clerk neither
        assertThatThrownBy(() -> security.as(CADRE, () -> cadres.assign(CADRE, VILLAGE_2)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> security.as(CLERK_1, () -> cadres.assign(CADRE, VILLAGE_2)))
                .isInstanceOf(AccessDeniedException.class);
        // over HTTP: the other township's leader is refused with 403
        HttpAttacker other = HttpAttacker.basic(port, LEADER_2, SecurityTestSupport.PASSWORD);
        assertThat(other.putJson("/api/cadre-assignments/" + CADRE + "/villages/" + VILLAGE_1, "")
                        .statusCode())
                .isEqualTo(403);
        assertThat(rows("cadre_assignment")).isEqualTo(assignments);
        // the refusals of rights are on record (6: LEADER_2 ×2 + HTTP, LEADER_1 ×2, the deputy)
        assertThat(refusals() - refusals).isEqualTo(6);
    }

    @Test
    void aSupervisorReadsTheWholeCountyWhileTheTeamLasts() {
        SupervisionTeam team = security.as(COUNTY_LEADER, () -> teams.setUp(campaign.id(), "县医保局、税务局联合督导组"));
        assertThat(security.as(SUPERVISOR, () -> dashboards.campaigns()))
                .extracting(Campaign::id)
                .doesNotContain(campaign.id());
        SupervisionTeam withMember = security.as(COUNTY_LEADER, () -> teams.addMember(team.id(), SUPERVISOR, "县税务局"));
        assertThat(withMember.members())
                .extracting(SupervisionTeam.Member::username, SupervisionTeam.Member::department)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SUPERVISOR, "县税务局"));
        assertThat(lastAudit("SUPERVISOR_ADDED").subject()).isEqualTo("team " + team.id() + ": " + SUPERVISOR);
        assertThat(security.as(COUNTY_LEADER, () -> teams.teams(campaign.id())))
                .extracting(SupervisionTeam::id)
                .containsExactly(team.id());

        assertThat(security.as(SUPERVISOR, () -> teams.myTeams()))
                .extracting(SupervisionTeam::campaignId)
                .contains(campaign.id());
        assertThat(security.as(SUPERVISOR, () -> dashboards.campaigns()))
                .extracting(Campaign::id)
                .contains(campaign.id());
        assertThat(security.as(SUPERVISOR, () -> dashboards.startRegion(campaign.id())))
                .isEqualTo(COUNTY);
        Dashboard county = security.as(SUPERVISOR, () -> dashboards.dashboard(campaign.id(), COUNTY));
        Dashboard leaders = security.as(COUNTY_LEADER, () -> dashboards.dashboard(campaign.id(), COUNTY));
        assertThat(county.total()).isNotNull().isEqualTo(leaders.total());
        assertThat(county.total().registered()).isEqualTo(7);
        assertThat(county.children()).isEqualTo(leaders.children());
        assertThat(county.breadcrumb()).extracting(r -> r.code()).containsExactly(COUNTY);
        for (String code : List.of(TOWNSHIP_1, VILLAGE_3, GRID_11)) {
            assertThat(security.as(SUPERVISOR, () -> dashboards.dashboard(campaign.id(), code))
                            .total())
                    .as(code)
                    .isEqualTo(security.as(COUNTY_LEADER, () -> dashboards.dashboard(campaign.id(), code))
                            .total());
        }
        HttpResponse<String> http = HttpAttacker.basic(port, SUPERVISOR, SecurityTestSupport.PASSWORD)
                .get("/api/campaigns/" + campaign.id() + "/progress/" + TOWNSHIP_1);
        assertThat(http.statusCode()).isEqualTo(200);
        assertThat(HttpAttacker.json(http).path("children").size()).isEqualTo(2);

        // removed from the team: nothing any more
        security.as(COUNTY_LEADER, () -> teams.removeMember(team.id(), SUPERVISOR));
        assertThatThrownBy(() -> security.as(SUPERVISOR, () -> dashboards.dashboard(campaign.id(), COUNTY)))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aSupervisorCannotWriteAnything() {
        SupervisionTeam team = security.as(COUNTY_LEADER, () -> teams.setUp(campaign.id(), "联合督导组"));
        security.as(COUNTY_LEADER, () -> teams.addMember(team.id(), SUPERVISOR, "县税务局"));
        long assignments = rows("cadre_assignment");
        long members = rows("supervision_member");
        long teamsBefore = rows("supervision_team");
        String refreshedAt = refreshedAt();
        long users_ = rows("app_user");

        assertThatThrownBy(() -> security.as(SUPERVISOR, () -> dashboards.refreshNow(campaign.id())))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> security.as(SUPERVISOR, () -> campaigns.summarise(campaign.id(), "督导组写的总结")))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> security.as(SUPERVISOR, () -> cadres.assign(CADRE, VILLAGE_1)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> security.as(SUPERVISOR, () -> teams.addMember(team.id(), SUPERVISOR, "县医保局")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> security.as(SUPERVISOR, () -> teams.dissolve(team.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> security.as(
                        SUPERVISOR,
                        () -> users.create(new NewUser(
                                "sup.made.by.supervisor",
                                "督导组建的",
                                COUNTY,
                                Set.of(Role.SUPERVISOR),
                                null,
                                SecurityTestSupport.PASSWORD))))
                .isInstanceOf(AccessDeniedException.class);
        // over HTTP: a team of their own, a change of its members, dissolving it, a user: 403
        HttpAttacker http = HttpAttacker.basic(port, SUPERVISOR, SecurityTestSupport.PASSWORD);
        assertThat(http.postJson("/api/campaigns/" + campaign.id() + "/supervision-teams", Map.of("name", "自设督导组"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.postJson(
                                "/api/supervision-teams/" + team.id() + "/members",
                                Map.of("username", CADRE, "department", "县税务局"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.postJson("/api/supervision-teams/" + team.id() + "/dissolve", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.putJson("/api/cadre-assignments/" + CADRE + "/villages/" + VILLAGE_1, "")
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.get("/api/users").statusCode()).isEqualTo(403);
        // no tasks, no process instances: the supervisor is in no group that reads the county's instances
        CanbaoUser supervisor = (CanbaoUser) details.loadUserByUsername(SUPERVISOR);
        assertThat(supervisor.camundaGroups()).noneMatch(g -> g.startsWith("within:"));
        assertThat(http.get("/engine-rest/process-instance?processInstanceIds=" + campaign.processInstanceId())
                        .body())
                .isEqualTo("[]");
        assertThat(http.get("/engine-rest/task?processInstanceId=" + campaign.processInstanceId())
                        .body())
                .isEqualTo("[]");
        assertThat(security.as(SUPERVISOR, () -> inbox.open(null))).isEmpty();
        // the county leader's task of the same campaign is there all the while
        assertThat(security.as(COUNTY_LEADER, () -> inbox.open(null)))
                .extracting(t -> t.processInstanceId())
                .contains(campaign.processInstanceId());

        assertThat(List.of(
                        rows("cadre_assignment"),
                        rows("supervision_member"),
                        rows("supervision_team"),
                        rows("app_user")))
                .containsExactly(assignments, members, teamsBefore, users_);
        assertThat(refreshedAt()).isEqualTo(refreshedAt);
        assertThat(jdbc.queryForObject("select summary from campaign where id = ?", String.class, campaign.id()))
                .isNull();
    }

    @Test
    void aSupervisorLosesTheCountyWhenTheTeamIsDissolvedOrTheCampaignEnds() {
        SupervisionTeam first = security.as(COUNTY_LEADER, () -> teams.setUp(campaign.id(), "第一督导组"));
        security.as(COUNTY_LEADER, () -> teams.addMember(first.id(), SUPERVISOR, "县税务局"));
        assertThat(security.as(SUPERVISOR, () -> dashboards.dashboard(campaign.id(), COUNTY))
                        .total())
                .isNotNull();
        // one live team per campaign
        assertThatThrownBy(() -> security.as(COUNTY_LEADER, () -> teams.setUp(campaign.id(), "第二督导组")))
                .isInstanceOf(SupervisionException.class)
                .hasMessageContaining("teamExists");

        // dissolved: refused at once, the campaign no longer listed
        SupervisionTeam dissolved = security.as(COUNTY_LEADER, () -> teams.dissolve(first.id()));
        assertThat(dissolved.live()).isFalse();
        assertThatThrownBy(() -> security.as(SUPERVISOR, () -> dashboards.dashboard(campaign.id(), COUNTY)))
                .isInstanceOf(DomainException.class);
        assertThat(security.as(SUPERVISOR, () -> dashboards.campaigns()))
                .extracting(Campaign::id)
                .doesNotContain(campaign.id());
        assertThat(security.as(SUPERVISOR, () -> teams.myTeams()))
                .extracting(SupervisionTeam::campaignId)
                .doesNotContain(campaign.id());

        // a new team for the same campaign; then the campaign ends (closed): refused again, nothing changed by it
        SupervisionTeam second = security.as(COUNTY_LEADER, () -> teams.setUp(campaign.id(), "第二督导组"));
        security.as(COUNTY_LEADER, () -> teams.addMember(second.id(), SUPERVISOR, "县医保局"));
        assertThat(security.as(SUPERVISOR, () -> dashboards.dashboard(campaign.id(), TOWNSHIP_2))
                        .total())
                .isNotNull();
        SystemAccess.run(() -> campaigns.enterPhase(campaign.id(), CampaignPhase.CLOSED));
        long figures = rows("dashboard_figure");
        for (String code : List.of(COUNTY, TOWNSHIP_2, VILLAGE_1)) {
            assertThatThrownBy(() -> security.as(SUPERVISOR, () -> dashboards.dashboard(campaign.id(), code)))
                    .as(code)
                    .isInstanceOf(DomainException.class);
        }
        HttpAttacker http = HttpAttacker.basic(port, SUPERVISOR, SecurityTestSupport.PASSWORD);
        assertThat(http.get("/api/campaigns/" + campaign.id() + "/progress/" + COUNTY)
                        .statusCode())
                .isIn(403, 404);
        assertThat(security.as(SUPERVISOR, () -> dashboards.campaigns()))
                .extracting(Campaign::id)
                .doesNotContain(campaign.id());
        // and a closed campaign's team is not changed any more
        long members = rows("supervision_member");
        assertThatThrownBy(() -> security.as(COUNTY_LEADER, () -> teams.addMember(second.id(), SUPERVISOR, "县医保局")))
                .isInstanceOf(SupervisionException.class);
        assertThat(rows("supervision_member")).isEqualTo(members);
        assertThat(rows("dashboard_figure")).isEqualTo(figures);
    }

    private long rows(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private long refusals() {
        return jdbc.queryForObject(
                "select count(*) from security_audit where action = ? and outcome = 'REFUSED'",
                Long.class,
                CadreAssignmentService.ASSIGNED);
    }

    private String refreshedAt() {
        return jdbc.queryForObject(
                "select max(refreshed_at)::text from dashboard_figure where campaign_id = ?",
                String.class,
                campaign.id());
    }

    private SecurityAudit.Entry lastAudit(String action) {
        return SystemAccess.call(() -> audit.recent(action, 1)).get(0);
    }
}
