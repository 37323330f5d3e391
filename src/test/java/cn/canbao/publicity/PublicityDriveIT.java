package cn.canbao.publicity;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.ProcessTestBase;
import cn.canbao.Yongchun;
import cn.canbao.base.DomainException;
import cn.canbao.publicity.process.PublicityProcess;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The September drive: the county starts it, volunteers log activities where they work, the counts roll
 * up to township and county, every township confirms its figures (reminded when late), and the drive ends.
 */
@CanbaoIntegrationTest
class PublicityDriveIT extends ProcessTestBase {

    static final String TOWNSHIP = Yongchun.township(5);
    static final String OTHER_TOWNSHIP = Yongchun.township(6);
    static final LocalDate FROM = LocalDate.of(2026, 9, 1);
    static final LocalDate TO = LocalDate.of(2026, 9, 30);

    @Autowired
    PublicityService publicity;

    private PublicityDrive drive;

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        processes.deleteIfRunning(drive == null ? null : drive.processInstanceId());
    }

    @Test
    void activitiesRollUpAndEveryTownshipConfirms() {
        String leader = security.ensureUser("county.leader.publicity", COUNTY, Role.COUNTY_LEADER);
        String townshipLeader = security.ensureUser("township.leader.publicity", TOWNSHIP, Role.TOWNSHIP_LEADER);
        List<Region> villages = SystemAccess.call(() -> regions.descendantsAtLevel(TOWNSHIP, RegionLevel.VILLAGE));
        String volunteer =
                security.ensureUser("volunteer.publicity", villages.get(0).code(), Role.VOLUNTEER);
        drive = security.as(leader, () -> publicity.start("2026年9月全民参保集中宣传月", 2027, COUNTY, FROM, TO));

        log(
                volunteer,
                new NewActivity(
                        villages.get(0).code(), PublicityKind.TALK, FROM.plusDays(2), 1, 120, 0, 0, 6, "村委会宣讲"));
        log(
                volunteer,
                new NewActivity(
                        villages.get(0).code(), PublicityKind.SCHOOL_LETTER, FROM.plusDays(5), 0, 0, 800, 0, 2, null));
        log(
                townshipLeader,
                new NewActivity(TOWNSHIP, PublicityKind.PAYMENT_NOTICE, FROM.plusDays(9), 0, 0, 0, 1500, 10, null));
        log(
                townshipLeader,
                new NewActivity(
                        villages.get(1).code(),
                        PublicityKind.HOLIDAY_EVENT,
                        FROM.plusDays(20),
                        2,
                        300,
                        0,
                        0,
                        12,
                        "中秋文艺汇演"));

        // refused: another township's village, a date outside the drive, nothing counted
        String elsewhere = firstBelow(OTHER_TOWNSHIP, RegionLevel.VILLAGE);
        assertRefused(
                volunteer,
                new NewActivity(elsewhere, PublicityKind.TALK, FROM, 1, 10, 0, 0, 0, null),
                "region.error.outOfScope");
        assertRefused(
                volunteer,
                new NewActivity(villages.get(0).code(), PublicityKind.TALK, TO.plusDays(1), 1, 10, 0, 0, 0, null),
                "publicity.outsidePeriod");
        assertRefused(
                volunteer,
                new NewActivity(villages.get(0).code(), PublicityKind.TALK, FROM, 0, 0, 0, 0, 3, null),
                "publicity.badCounts");

        List<PublicityTally> county = security.as(leader, () -> publicity.tally(drive.id(), COUNTY));
        assertThat(county.get(0))
                .extracting(
                        PublicityTally::activities,
                        PublicityTally::events,
                        PublicityTally::audience,
                        PublicityTally::letters,
                        PublicityTally::notices,
                        PublicityTally::volunteers)
                .containsExactly(4, 3, 420, 800, 1500, 30);
        assertThat(county).hasSize(23);
        PublicityTally township = county.stream()
                .filter(t -> t.regionCode().equals(TOWNSHIP))
                .findFirst()
                .orElseThrow();
        assertThat(township.audience()).isEqualTo(420);
        assertThat(county.stream()
                        .filter(t -> t.regionCode().equals(OTHER_TOWNSHIP))
                        .findFirst()
                        .orElseThrow()
                        .activities())
                .isZero();
        List<PublicityTally> byVillage = security.as(townshipLeader, () -> publicity.tally(drive.id(), TOWNSHIP));
        assertThat(byVillage.get(0).notices()).isEqualTo(1500); // the township's own entry counts in its total
        assertThat(byVillage.stream()
                        .filter(t -> t.regionCode().equals(villages.get(0).code()))
                        .findFirst()
                        .orElseThrow())
                .extracting(PublicityTally::activities, PublicityTally::letters)
                .containsExactly(2, 800);
        Map<PublicityKind, PublicityTally> kinds = security.as(leader, () -> publicity.byKind(drive.id(), COUNTY));
        assertThat(kinds.get(PublicityKind.SCHOOL_LETTER).letters()).isEqualTo(800);
        assertThat(kinds).doesNotContainKey(PublicityKind.OTHER);

        // each township leader has one confirmation task, due at the end of the drive; late ones are reminded
        List<InboxTask> mine = security.as(townshipLeader, () -> inbox.open(TaskFilter.ALL)).stream()
                .filter(t -> t.businessKey().equals(Long.toString(drive.id())))
                .toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).regionName())
                .isEqualTo(SystemAccess.call(() -> regions.get(TOWNSHIP).name()));
        assertThat(mine.get(0).due())
                .isEqualTo(
                        TO.plusDays(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant());
        ClockUtil.setCurrentTime(Date.from(
                TO.plusDays(2).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant()));
        List<Job> timers = management
                .createJobQuery()
                .processInstanceId(drive.processInstanceId())
                .timers()
                .list();
        assertThat(timers).hasSize(1);
        management.executeJob(timers.get(0).getId());
        assertThat(tasks.createTaskQuery()
                        .processInstanceId(drive.processInstanceId())
                        .list())
                .hasSize(22)
                .allMatch(t -> t.getPriority() == 80);

        security.as(
                townshipLeader, () -> inbox.complete(mine.get(0).id(), Map.of(PublicityProcess.VAR_REMARKS, "已核对")));
        assertThat(security.as(leader, () -> publicity.tally(drive.id(), COUNTY)).stream()
                        .filter(t -> t.regionCode().equals(TOWNSHIP))
                        .findFirst()
                        .orElseThrow()
                        .confirmed())
                .isTrue();
        // every other township's leader confirms their own township
        tasks.createTaskQuery()
                .processInstanceId(drive.processInstanceId())
                .list()
                .forEach(t -> security.actingAt(
                        (String) tasks.getVariable(t.getId(), PublicityProcess.VAR_TOWNSHIP),
                        Role.TOWNSHIP_LEADER,
                        () -> tasks.complete(t.getId())));
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(drive.processInstanceId())
                        .count())
                .isZero();
        assertThat(security.as(leader, () -> publicity.tally(drive.id(), COUNTY)).stream()
                        .skip(1)
                        .allMatch(PublicityTally::confirmed))
                .isTrue();
    }

    private void log(String user, NewActivity activity) {
        security.as(user, () -> publicity.log(drive.id(), activity));
    }

    private void assertRefused(String user, NewActivity activity, String key) {
        assertThatThrownBy(() -> security.as(user, () -> publicity.log(drive.id(), activity)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.messageKey()).isEqualTo(key));
    }
}
