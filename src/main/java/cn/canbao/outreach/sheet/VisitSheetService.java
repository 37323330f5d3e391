package cn.canbao.outreach.sheet;

import cn.canbao.base.pdf.PdfFonts;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.outreach.OutreachException;
import cn.canbao.outreach.OutreachStage;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.register.RegisterService;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.UserService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The printable visit sheet of a grid (issue 20). The service is the door: a grid worker prints their own grid, a
 * village cadre, township or county leader the grids of their subtree; nobody else, whoever calls. Every sheet made is
 * logged in the register's access log, one row per resident it lists ({@link #PURPOSE}).
 */
@Service
@Transactional
// who visits and who leads them; clerks, admins, volunteers and operators print no visit sheets
@PreAuthorize("hasAnyRole('COUNTY_LEADER', 'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER')")
public class VisitSheetService {

    /** The purpose of the access-log rows of a printed sheet. */
    public static final String PURPOSE = "VISIT_SHEET";

    public static final String PDF = "application/pdf";

    static final Role[] PRINTERS = {Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_LEADER, Role.COUNTY_LEADER};

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final RegisterCandidates persons;
    private final RegisterService register;
    private final UserService users;
    private final PdfFonts fonts;
    private final Clock clock;
    private final String publicUrl;

    VisitSheetService(
            JdbcClient jdbc,
            TaskService tasks,
            CampaignService campaigns,
            RegionService regions,
            RegisterCandidates persons,
            RegisterService register,
            UserService users,
            PdfFonts fonts,
            Clock clock,
            @Value("${canbao.public-url:}") String publicUrl) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.campaigns = campaigns;
        this.regions = regions;
        this.persons = persons;
        this.register = register;
        this.users = users;
        this.fonts = fonts;
        this.clock = clock;
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    /** Whether sheets can be made here: a CJK font is installed or configured, and the public URL is set. */
    @Transactional(readOnly = true)
    public boolean pdfAvailable() {
        return fonts.find().isPresent() && !publicUrl.isEmpty();
    }

    /** The grids the caller may print a sheet of: a grid worker's own, a leader's every grid of their subtree. */
    @Transactional(readOnly = true)
    public List<Region> grids() {
        CanbaoUser user = CurrentUser.require();
        CurrentUser.requireActing(user.regionCode(), PRINTERS);
        Region own = regions.get(user.regionCode());
        return own.isGrid() ? List.of(own) : regions.descendantsAtLevel(own.code(), RegionLevel.GRID);
    }

    /**
     * The grid's visit sheet of the campaign for today as PDF, in the words given; logged as printed, one access-log
     * row per resident listed. Refused — nothing made, nothing logged — outside the caller's role and region, for a
     * region that is not a grid, without a CJK font or without {@code canbao.public-url}.
     */
    public byte[] pdf(long campaignId, String gridCode, SheetWords words) {
        CurrentUser.requireActing(gridCode, PRINTERS);
        Region grid = regions.get(gridCode);
        if (!grid.isGrid()) {
            throw new OutreachException("outreach.sheet.notAGrid", gridCode);
        }
        if (publicUrl.isEmpty()) {
            throw new OutreachException("outreach.sheet.noPublicUrl");
        }
        Path font = fonts.require();
        Campaign campaign = campaigns.get(campaignId);
        List<VisitSheet.Listed> listed = listed(campaign.id(), grid.code());
        VisitSheet sheet = new VisitSheet(
                grid.code(),
                grid.name(),
                campaign.name(),
                LocalDate.now(clock),
                clock.instant(),
                CurrentUser.get().map(CanbaoUser::displayName).orElse(CurrentUser.name()),
                users.withRoleIn(grid.code(), Role.GRID_WORKER).stream()
                        .map(UserService.StaffMember::displayName)
                        .toList(),
                VisitSheet.group(listed));
        byte[] pdf = VisitSheetPdf.write(sheet, words, clock.getZone(), font);
        register.recordListed(listed.stream().map(VisitSheet.Listed::idNumber).toList(), PURPOSE);
        return pdf;
    }

    /** A live case of the grid as this sheet reads it. */
    private record LiveCase(
            long id, String idNumber, OutreachStage stage, String householdKey, Integer rank, String instance) {}

    /**
     * The grid's residents of the campaign whose process waits in a visit task (a household member's process is its
     * lead's), with the task's due time and the URL of its form: one query for the cases, one for the tasks, one for
     * the residents.
     */
    private List<VisitSheet.Listed> listed(long campaignId, String gridCode) {
        List<LiveCase> cases = jdbc.sql("select oc.id, oc.id_number, oc.stage, oc.household_key, oc.household_rank, "
                        + "coalesce(oc.process_instance_id, lc.process_instance_id) from outreach_case oc "
                        + "left join outreach_case lc on lc.id = oc.lead_case_id "
                        + "where oc.grid_code = ? and oc.campaign_id = ? and oc.ended_at is null")
                .params(gridCode, campaignId)
                .query((rs, n) -> new LiveCase(
                        rs.getLong(1),
                        rs.getString(2),
                        OutreachStage.valueOf(rs.getString(3)),
                        rs.getString(4),
                        (Integer) rs.getObject(5, Integer.class),
                        rs.getString(6)))
                .list();
        String[] instances = cases.stream()
                .map(LiveCase::instance)
                .filter(Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        Map<String, Task> visits = OutreachProcess.openVisits(tasks, instances);
        List<LiveCase> toVisit =
                cases.stream().filter(c -> visits.containsKey(c.instance())).toList();
        Map<String, RegisterCandidates.Resident> residents =
                persons.residents(toVisit.stream().map(LiveCase::idNumber).toList());
        return toVisit.stream()
                .map(c -> {
                    RegisterCandidates.Resident r = residents.get(c.idNumber());
                    Task task = visits.get(c.instance());
                    return new VisitSheet.Listed(
                            c.idNumber(),
                            c.householdKey(),
                            r == null ? null : r.householdNumber(),
                            r == null ? null : r.address(),
                            c.rank() == null ? -1 : c.rank(), // as the household's visit lists them: nulls first
                            new VisitSheet.Row(
                                    c.id(),
                                    r == null ? "" : r.name(),
                                    IdNumber.mask(c.idNumber()),
                                    r == null ? null : MobileNumber.mask(r.mobile()),
                                    r == null ? null : r.householdRelation(),
                                    c.stage(),
                                    task.getDueDate() == null
                                            ? null
                                            : task.getDueDate().toInstant(),
                                    visitUrl(task.getId())));
                })
                .toList();
    }

    /** The visit form of the task, absolute: the QR code is read by a phone that knows nothing of this page. */
    String visitUrl(String taskId) {
        return publicUrl + "/tasks/visit?taskId=" + URLEncoder.encode(taskId, StandardCharsets.UTF_8);
    }
}
