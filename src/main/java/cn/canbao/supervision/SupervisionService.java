package cn.canbao.supervision;

import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityAudit;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserAccount;
import cn.canbao.security.UserService;
import cn.canbao.supervision.persistence.SupervisionStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 联合督导组: 永春方案 "县医保局、税务局将联合组成督导组，不定期深入乡镇、村居指导解决征缴过程中存在的困难和问题". The county
 * leader of a campaign's county sets a team up for the campaign (one live team per campaign), adds and removes members
 * — users bound to the county whom the leader outranks, holding the read-only {@link Role#SUPERVISOR} role (possibly
 * of another department) or being the bureau's clerks — and dissolves it. While the team is live and the campaign not
 * closed, its supervisors read the whole county's progress of that campaign (through {@link SupervisionGrants}), and
 * nothing else: they have no tasks, no worklists, no person files, and every writing service refuses their role.
 * Every change and every refusal of the caller's rights goes to the {@link SecurityAudit}.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class SupervisionService {

    private static final Logger log = LoggerFactory.getLogger(SupervisionService.class);
    /** Roles a member may hold: the supervisors of any department, and the insurance bureau's own clerks. */
    private static final Set<Role> MEMBER_ROLES = Set.of(Role.SUPERVISOR, Role.CLERK);

    private final SupervisionStore store;
    private final CampaignService campaigns;
    private final UserService users;
    private final SupervisionAudit audit;
    private final Clock clock;

    SupervisionService(
            SupervisionStore store, CampaignService campaigns, UserService users, SupervisionAudit audit, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.campaigns = campaigns;
        this.users = users;
        this.audit = audit;
    }

    /** Sets up the campaign's joint supervision team (the county leader of its county; the campaign not closed). */
    @Transactional
    @PreAuthorize("hasRole('COUNTY_LEADER')")
    public SupervisionTeam setUp(long campaignId, String name) {
        Campaign c = audit.checked("SUPERVISION_TEAM_SET_UP", "campaign " + campaignId, () -> ledCampaign(campaignId));
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new SupervisionException("supervision.error.teamName");
        }
        long id = store.setUpTeam(c.id(), trimmed, CurrentUser.name(), clock.instant())
                .orElseThrow(() -> new SupervisionException("supervision.error.teamExists", c.name()));
        log.info("Supervision team {} set up for campaign {} by {}", id, c.id(), CurrentUser.name());
        audit.allowed("SUPERVISION_TEAM_SET_UP", "team " + id, "campaign " + c.id() + ": " + trimmed);
        return team(id);
    }

    /** Adds a member from a department to a live team (a user of the campaign's county the leader outranks). */
    @Transactional
    @PreAuthorize("hasRole('COUNTY_LEADER')")
    public SupervisionTeam addMember(long teamId, String username, String department) {
        SupervisionStore.Team team = audit.checked("SUPERVISOR_ADDED", "team " + teamId + ": " + username, () -> {
            SupervisionStore.Team t = liveTeam(teamId);
            Campaign c = ledCampaign(t.campaignId());
            UserAccount member = users.subordinate(username);
            if (!member.regionCode().equals(c.countyCode())
                    || member.roles().stream().noneMatch(MEMBER_ROLES::contains)) {
                throw new SupervisionException("supervision.error.notSupervisor", username, c.countyName());
            }
            return t;
        });
        String dept = department == null ? "" : department.trim();
        if (dept.isEmpty() || dept.length() > 100) {
            throw new SupervisionException("supervision.error.department");
        }
        if (store.addMember(team.id(), username, dept, CurrentUser.name(), clock.instant())) {
            log.info("{} ({}) joins supervision team {}, added by {}", username, dept, team.id(), CurrentUser.name());
            audit.allowed("SUPERVISOR_ADDED", "team " + team.id() + ": " + username, dept);
        }
        return team(team.id());
    }

    /** Removes a member from a live team: they no longer read the county's progress. */
    @Transactional
    @PreAuthorize("hasRole('COUNTY_LEADER')")
    public SupervisionTeam removeMember(long teamId, String username) {
        SupervisionStore.Team team = audit.checked("SUPERVISOR_REMOVED", "team " + teamId + ": " + username, () -> {
            SupervisionStore.Team t = liveTeam(teamId);
            ledCampaign(t.campaignId());
            return t;
        });
        if (!store.removeMember(team.id(), username, CurrentUser.name(), clock.instant())) {
            throw new SupervisionException("supervision.error.notMember", username);
        }
        log.info("{} leaves supervision team {}, removed by {}", username, team.id(), CurrentUser.name());
        audit.allowed("SUPERVISOR_REMOVED", "team " + team.id() + ": " + username, null);
        return team(team.id());
    }

    /** Dissolves a live team: its members lose the county's progress at once. */
    @Transactional
    @PreAuthorize("hasRole('COUNTY_LEADER')")
    public SupervisionTeam dissolve(long teamId) {
        SupervisionStore.Team team = audit.checked("SUPERVISION_TEAM_DISSOLVED", "team " + teamId, () -> {
            SupervisionStore.Team t = liveTeam(teamId);
            campaignLedBy(t.campaignId());
            return t;
        });
        store.dissolve(team.id(), CurrentUser.name(), clock.instant());
        log.info("Supervision team {} dissolved by {}", team.id(), CurrentUser.name());
        audit.allowed("SUPERVISION_TEAM_DISSOLVED", "team " + team.id(), null);
        return team(team.id());
    }

    /** A campaign's teams (the live one first, then dissolved ones), for the county's leaders, clerks and admins. */
    @PreAuthorize("hasAnyRole('COUNTY_LEADER', 'CLERK', 'ADMIN')")
    public List<SupervisionTeam> teams(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        CurrentUser.requireActing(c.countyCode(), Role.COUNTY_LEADER, Role.CLERK, Role.ADMIN);
        return store.teamsOf(c.id()).stream().map(t -> withMembers(t, c)).toList();
    }

    /** The live teams the caller supervises in, whose campaigns are not closed: what a supervisor may read. */
    @PreAuthorize("hasRole('SUPERVISOR')")
    public List<SupervisionTeam> myTeams() {
        String me = CurrentUser.require().getUsername();
        return store.campaignsSupervisedBy(me).stream()
                .map(id -> SystemAccess.call(() -> campaigns.find(id))) // the grant, not the binding, shows them
                .flatMap(Optional::stream)
                .filter(c -> c.phase() != CampaignPhase.CLOSED)
                .flatMap(c -> store.teamsOf(c.id()).stream()
                        .filter(SupervisionStore.Team::live)
                        .map(t -> new SupervisionTeam(
                                t.id(), c.id(), c.name(), t.name(), t.setUpBy(), t.setUpAt(), null, null, List.of())))
                .toList();
    }

    private SupervisionTeam team(long id) {
        SupervisionStore.Team t = store.team(id).orElseThrow();
        return withMembers(t, campaigns.get(t.campaignId()));
    }

    private SupervisionTeam withMembers(SupervisionStore.Team t, Campaign c) {
        Map<String, String> names = new HashMap<>();
        for (Role role : MEMBER_ROLES) {
            users.withRoleIn(c.countyCode(), role).forEach(s -> names.put(s.username(), s.displayName()));
        }
        List<SupervisionTeam.Member> members = store.liveMembers(t.id()).stream()
                .map(m -> new SupervisionTeam.Member(
                        m.username(),
                        names.getOrDefault(m.username(), m.username()),
                        m.department(),
                        m.addedBy(),
                        m.addedAt()))
                .toList();
        return new SupervisionTeam(
                t.id(),
                c.id(),
                c.name(),
                t.name(),
                t.setUpBy(),
                t.setUpAt(),
                t.dissolvedBy(),
                t.dissolvedAt(),
                members);
    }

    /** A live team; unknown and dissolved teams alike are "not found" (a dissolved one changes no more). */
    private SupervisionStore.Team liveTeam(long teamId) {
        return store.team(teamId)
                .filter(SupervisionStore.Team::live)
                .orElseThrow(() -> new SupervisionException("supervision.team.notFound", teamId));
    }

    /** The campaign, led by the caller (county leader of its county) and not closed. */
    private Campaign ledCampaign(long campaignId) {
        Campaign c = campaignLedBy(campaignId);
        if (c.phase() == CampaignPhase.CLOSED) {
            throw new SupervisionException("supervision.error.campaignClosed", c.name());
        }
        return c;
    }

    private Campaign campaignLedBy(long campaignId) {
        Campaign c = campaigns.get(campaignId); // campaigns of other counties: not found
        CurrentUser.requireActing(c.countyCode(), Role.COUNTY_LEADER);
        return c;
    }
}
