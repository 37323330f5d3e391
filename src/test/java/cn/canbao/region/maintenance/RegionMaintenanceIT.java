package cn.canbao.region.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.Region;
import cn.canbao.region.RegionException;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 17, point 10: region and grid lists are data. A list uploaded by an administrator is previewed as its
 * difference against the tree and applied on confirmation — after which a resident row naming the new grid imports (the
 * original complaint); a grid merged into another takes its residents (with their change log), its open cases, its
 * open tasks and its users along and is retired with its history kept; a region still named by anything is not
 * retired; and an administrator of another county can do none of it (nothing changes).
 */
@CanbaoIntegrationTest
class RegionMaintenanceIT extends IntegrationTestBase {

    static final String COUNTY = "350570000000";
    static final String TOWNSHIP = "350570101000";
    static final String OTHER_TOWNSHIP = "350570102000";
    static final String OTHER_COUNTY = "350577000000";
    static final String V1 = "350570101001";
    static final String V2 = "350570101002";

    @Autowired
    RegionMaintenance maintenance;

    @Autowired
    RegionListUpload upload;

    @Autowired
    TaskService tasks;

    private String admin;
    private String outsider;
    private String clerk;
    private String run;
    private Campaign campaign;
    private Task task;

    @BeforeEach
    void county() {
        SystemAccess.run(() -> regions.createMissing(List.of(
                NewRegion.region(COUNTY, "区划维护测试县", RegionLevel.COUNTY, "350500000000", null, true),
                NewRegion.region(TOWNSHIP, "维护镇", RegionLevel.TOWNSHIP, COUNTY, null, true),
                NewRegion.region(OTHER_TOWNSHIP, "邻镇", RegionLevel.TOWNSHIP, COUNTY, null, true),
                NewRegion.region(V1, "维护一村", RegionLevel.VILLAGE, TOWNSHIP, null, true),
                NewRegion.region(V2, "维护二村", RegionLevel.VILLAGE, TOWNSHIP, null, true),
                NewRegion.region(OTHER_COUNTY, "邻县", RegionLevel.COUNTY, "350500000000", null, true))));
        run = Long.toString(System.nanoTime() % 1_000_000);
        admin = security.ensureUser("admin.regions", COUNTY, Role.ADMIN);
        outsider = security.ensureUser("admin.regions.neighbour", OTHER_COUNTY, Role.ADMIN);
        clerk = security.ensureUser("clerk.regions", COUNTY, Role.CLERK);
    }

    @AfterEach
    void cleanUp() {
        if (task != null) {
            tasks.deleteTask(task.getId(), true);
        }
        testCampaigns.endCampaignProcess(campaign);
    }

    @Test
    void anUploadedListIsPreviewedAsADifferenceThenAppliedAndItsNewGridTakesResidents() {
        String grid = nextGrid(V1);
        String list = "code,name,level,parent_code,grid_kind,sector,household_population\n"
                + V1 + ",维护一村（新名）,VILLAGE," + TOWNSHIP + ",,,\n"
                + V2 + ",维护二村,VILLAGE," + TOWNSHIP + ",,,1200\n"
                + grid + ",新设网格" + run + ",GRID," + V1 + ",COMMUNITY,,\n";
        byte[] bytes = list.getBytes(StandardCharsets.UTF_8);
        RegionListUpload.Diff preview = security.as(admin, () -> upload.preview(bytes));
        assertThat(preview.entries())
                .filteredOn(e -> e.code().equals(grid))
                .singleElement()
                .extracting(RegionListUpload.Entry::kind)
                .isEqualTo(RegionListUpload.Kind.NEW);
        assertThat(preview.entries())
                .filteredOn(e -> e.code().equals(V1))
                .singleElement()
                .extracting(RegionListUpload.Entry::kind)
                .isIn(RegionListUpload.Kind.RENAMED, RegionListUpload.Kind.UNCHANGED);
        // the preview wrote nothing: the grid is not there yet, and a resident naming it is refused
        assertThat(jdbc.queryForObject("select count(*) from region where code = ?", Integer.class, grid))
                .isZero();

        // confirmed: the grid exists, the rename is in the history
        security.as(admin, () -> upload.apply(bytes));
        Region created = SystemAccess.call(() -> regions.get(grid));
        assertThat(created.name()).isEqualTo("新设网格" + run);
        assertThat(SystemAccess.call(() -> regions.get(V1)).name()).isEqualTo("维护一村（新名）");
        assertThat(security.as(admin, () -> maintenance.history(grid)))
                .extracting(RegionChange::action)
                .contains(RegionChange.Action.CREATED);
        // uploaded again: nothing left to do, and the grids the list leaves out are reported, never deleted
        RegionListUpload.Diff again = security.as(admin, () -> upload.preview(bytes));
        assertThat(again.count(RegionListUpload.Kind.NEW)).isZero();
        assertThat(again.count(RegionListUpload.Kind.RENAMED)).isZero();

        String person = TestIds.id("350570", LocalDate.of(1971, 2, 3), (int) (Long.parseLong(run) % 900) + 1);
        ImportRun imported = importer.importAs(
                clerk,
                ExtractKind.POLICE_HOUSEHOLD,
                "new-grid.csv",
                ExtractHeaders.POLICE_WITH_GRID + person + ",新网格居民,在册,2001-01-01," + V1 + "," + V1 + "," + grid + "\n");
        assertThat(imported.rowsAccepted())
                .as("a resident of the new grid is accepted")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select grid_code from person where id_number = ?", String.class, person))
                .isEqualTo(grid);
    }

    @Test
    void aGridMergedIntoAnotherTakesItsResidentsCasesTasksAndUsersAlongAndIsRetiredWithItsHistory() {
        String from = nextGrid(V1);
        String to = nextGrid(V1, from);
        SystemAccess.run(() -> regions.createAll(List.of(
                NewRegion.grid(from, "旧网格" + run, V1, GridKind.COMMUNITY, null, null, true),
                NewRegion.grid(to, "新网格" + run, V1, GridKind.COMMUNITY, null, null, true))));
        String worker = security.ensureUser("grid.regions." + run, from, Role.GRID_WORKER);
        String person = TestIds.id("350570", LocalDate.of(1972, 3, 4), (int) (Long.parseLong(run) % 900) + 1);
        importer.importAs(
                clerk,
                ExtractKind.POLICE_HOUSEHOLD,
                "merge.csv",
                "身份证号,姓名,变动类型,变动日期,户籍地区划," + "常住地区划,网格编码\n" + person + ",合并居民,在册,2001-01-01," + V1 + "," + V1 + ","
                        + from + "\n");
        campaign = security.as(
                security.ensureUser("leader.regions", COUNTY, Role.COUNTY_LEADER),
                () -> campaigns.start(NewCampaign.of(
                        "区划合并测试" + run, 2080, COUNTY, LocalDate.of(2079, 9, 1), LocalDate.of(2079, 12, 31))));
        long caseId = jdbc.queryForObject(
                "insert into outreach_case (campaign_id, id_number, kind, village_code, "
                        + "grid_code, stage) values (?, ?, 'UNINSURED', ?, ?, 'VISIT_DUE') returning id",
                Long.class,
                campaign.id(),
                person,
                V1,
                from);
        task = tasks.newTask();
        task.setName("入户走访（合并测试）");
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), Role.regionGroup(from));

        // a neighbouring county's administrator may not: nothing changes
        assertThatThrownBy(() -> security.as(outsider, () -> maintenance.merge(from, to)))
                .isInstanceOf(RegionException.class);
        assertThat(jdbc.queryForObject("select grid_code from person where id_number = ?", String.class, person))
                .isEqualTo(from);
        // a region still named by a resident is not simply retired
        assertThatThrownBy(() -> security.as(admin, () -> maintenance.retire(from)))
                .isInstanceOf(RegionException.class)
                .hasMessageContaining("retireOccupied");
        // a village with live grids is not merged before them
        assertThatThrownBy(() -> security.as(admin, () -> maintenance.merge(V1, V2)))
                .isInstanceOf(RegionException.class)
                .hasMessageContaining("mergeGridsFirst");

        Map<String, Integer> carried = security.as(admin, () -> maintenance.merge(from, to));
        assertThat(carried)
                .containsEntry("persons", 1)
                .containsEntry("cases", 1)
                .containsEntry("tasks", 1)
                .containsEntry("users", 1);
        assertThat(jdbc.queryForObject("select grid_code from person where id_number = ?", String.class, person))
                .isEqualTo(to);
        assertThat(jdbc.queryForList(
                        "select field || ':' || old_value || '>' || new_value from person_change "
                                + "where id_number = ? and import_id is null",
                        String.class,
                        person))
                .containsExactly("grid_code:" + from + ">" + to);
        assertThat(jdbc.queryForObject("select grid_code from outreach_case where id = ?", String.class, caseId))
                .isEqualTo(to);
        assertThat(tasks.createTaskQuery()
                        .taskCandidateGroup(Role.regionGroup(to))
                        .taskId(task.getId())
                        .count())
                .isEqualTo(1);
        assertThat(tasks.createTaskQuery()
                        .taskCandidateGroup(Role.regionGroup(from))
                        .count())
                .isZero();
        assertThat(jdbc.queryForObject("select region_code from app_user where username = ?", String.class, worker))
                .isEqualTo(to);
        assertThat(SystemAccess.call(() -> regions.get(from)).deleted()).isTrue();
        assertThat(security.as(admin, () -> maintenance.history(from)))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.action()).isEqualTo(RegionChange.Action.MERGED);
                    assertThat(change.successorCode()).isEqualTo(to);
                    assertThat(change.carried()).contains("persons=1", "cases=1", "tasks=1", "users=1");
                    assertThat(change.changedBy()).isEqualTo(admin);
                });

        // the successor renamed, an empty grid retired: both in their history
        security.as(admin, () -> maintenance.rename(to, "合并后网格" + run));
        assertThat(security.as(admin, () -> maintenance.history(to)))
                .first()
                .extracting(RegionChange::action, RegionChange::oldValue)
                .containsExactly(RegionChange.Action.RENAMED, "新网格" + run);
        String empty = nextGrid(V2);
        SystemAccess.run(() -> regions.createAll(
                List.of(NewRegion.grid(empty, "空网格" + run, V2, GridKind.COMMUNITY, null, null, true))));
        security.as(admin, () -> maintenance.retire(empty));
        assertThat(SystemAccess.call(() -> regions.get(empty)).deleted()).isTrue();
    }

    @Test
    void anAdministratorOfAnotherCountyCannotUploadAListForThisOne() {
        String grid = nextGrid(V2);
        byte[] list = ("code,name,level,parent_code,grid_kind,sector,household_population\n" + grid + ",越权网格,GRID," + V2
                        + ",COMMUNITY,,\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> security.as(outsider, () -> upload.apply(list)))
                .isInstanceOf(RegionException.class);
        assertThat(jdbc.queryForObject("select count(*) from region where code = ?", Integer.class, grid))
                .isZero();
        assertThatThrownBy(() -> security.as(clerk, () -> upload.preview(list)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    /** A grid code under the village that no region has (each run its own: merged grids stay, retired). */
    private String nextGrid(String village, String... taken) {
        int max = jdbc.queryForObject(
                "select coalesce(max(right(code, 3)::int), 0) from region where parent_code = ?",
                Integer.class,
                village);
        for (String t : taken) {
            max = Math.max(max, Integer.parseInt(t.substring(12)));
        }
        return village + String.format("%03d", max + 1);
    }
}
