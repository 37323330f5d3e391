package cn.canbao.supervision;

import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityAudit;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserAccount;
import cn.canbao.security.UserService;
import cn.canbao.supervision.persistence.SupervisionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 包村: township and county leaders assign township cadres ({@link Role#TOWNSHIP_CADRE}) to villages of the cadre's
 * township — 永春方案: "建立乡镇干部包村、村（居）干部包组（户）的考核机制，细化分解工作目标任务，确保任务到岗到人". A cadre then
 * reads the progress of exactly those villages (through {@link SupervisionGrants}) and nothing else of the township.
 * An assigner acts only in their own subtree and only on cadres they outrank ({@link UserService#subordinate}); every
 * change and every refusal of the caller's rights goes to the {@link SecurityAudit}.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class CadreAssignmentService {

    private static final Logger log = LoggerFactory.getLogger(CadreAssignmentService.class);
    static final String ASSIGNED = "CADRE_ASSIGNED";
    static final String UNASSIGNED = "CADRE_UNASSIGNED";

    private final SupervisionStore store;
    private final UserService users;
    private final RegionService regions;
    private final SupervisionAudit audit;
    private final Clock clock;

    CadreAssignmentService(
            SupervisionStore store, UserService users, RegionService regions, SupervisionAudit audit, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.users = users;
        this.regions = regions;
        this.audit = audit;
    }

    /**
     * Assigns a township cadre to a village of their township (the caller's subtree, a cadre the caller outranks);
     * assigning twice changes nothing. Returns the cadre's villages after it.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TOWNSHIP_LEADER', 'COUNTY_LEADER')")
    public List<CadreAssignment> assign(String cadre, String villageCode) {
        Region village = audit.checked(ASSIGNED, cadre + " → " + villageCode, () -> {
            Region v = assignableVillage(villageCode);
            UserAccount account = users.subordinate(cadre);
            if (!account.roles().contains(Role.TOWNSHIP_CADRE)) {
                throw new SupervisionException("supervision.error.notCadre", cadre);
            }
            if (!within(v.code(), account.regionCode())) {
                throw new SupervisionException("supervision.error.villageOutsideTownship", v.name(), cadre);
            }
            return v;
        });
        if (store.assign(cadre, village.code(), CurrentUser.name(), now())) {
            log.info("Cadre {} assigned to village {} by {}", cadre, village.code(), CurrentUser.name());
            audit.allowed(ASSIGNED, cadre + " → " + village.code(), village.name());
        }
        return villagesOf(cadre);
    }

    /** Ends a cadre's assignment to a village (the caller's subtree, a cadre the caller outranks). */
    @Transactional
    @PreAuthorize("hasAnyRole('TOWNSHIP_LEADER', 'COUNTY_LEADER')")
    public List<CadreAssignment> unassign(String cadre, String villageCode) {
        Region village = audit.checked(UNASSIGNED, cadre + " → " + villageCode, () -> {
            Region v = assignableVillage(villageCode);
            users.subordinate(cadre);
            return v;
        });
        if (!store.endAssignment(cadre, village.code(), CurrentUser.name(), now())) {
            throw new SupervisionException("supervision.error.notAssigned", cadre, village.name());
        }
        log.info("Cadre {} no longer assigned to village {}, by {}", cadre, village.code(), CurrentUser.name());
        audit.allowed(UNASSIGNED, cadre + " → " + village.code(), village.name());
        return villagesOf(cadre);
    }

    /** The live assignments to the villages of a region of the caller's subtree, by village and cadre. */
    @PreAuthorize("hasAnyRole('TOWNSHIP_LEADER', 'COUNTY_LEADER', 'ADMIN')")
    public List<CadreAssignment> assignments(String regionCode) {
        Region region = regions.get(regionCode);
        CurrentUser.requireActing(region.code(), Role.TOWNSHIP_LEADER, Role.COUNTY_LEADER, Role.ADMIN);
        return named(store.liveAssignmentsUnder(region.level().prefixOf(region.code())), cadreNamesAround(region));
    }

    /** The caller's own villages (a township cadre's 包村), by code. */
    @PreAuthorize("hasRole('TOWNSHIP_CADRE')")
    public List<CadreAssignment> myVillages() {
        String me = CurrentUser.require().getUsername();
        return named(
                store.liveAssignmentsOf(me), Map.of(me, CurrentUser.require().displayName()));
    }

    /** The cadres a leader may assign in a region of their subtree: the township cadres bound there or below. */
    @PreAuthorize("hasAnyRole('TOWNSHIP_LEADER', 'COUNTY_LEADER', 'ADMIN')")
    public List<UserService.StaffMember> cadres(String regionCode) {
        Region region = regions.get(regionCode);
        CurrentUser.requireActing(region.code(), Role.TOWNSHIP_LEADER, Role.COUNTY_LEADER, Role.ADMIN);
        return users.withRoleIn(region.code(), Role.TOWNSHIP_CADRE);
    }

    private List<CadreAssignment> villagesOf(String cadre) {
        return named(store.liveAssignmentsOf(cadre), Map.of());
    }

    /** A live village of the caller's subtree, where the caller leads (township or county leader). */
    private Region assignableVillage(String villageCode) {
        Region v = regions.get(villageCode); // malformed, unknown, outside the caller's subtree: refused there
        CurrentUser.requireActing(v.code(), Role.TOWNSHIP_LEADER, Role.COUNTY_LEADER);
        if (v.level() != RegionLevel.VILLAGE || v.deleted()) {
            throw new SupervisionException("supervision.error.notVillage", v.code());
        }
        return v;
    }

    /** The display names of the township cadres of the region's township (or of the region, when above). */
    private Map<String, String> cadreNamesAround(Region region) {
        String anchor = region.level().compareTo(RegionLevel.TOWNSHIP) > 0
                ? RegionLevel.TOWNSHIP.prefixOf(region.code()) + "000"
                : region.code();
        Map<String, String> names = new HashMap<>();
        users.withRoleIn(anchor, Role.TOWNSHIP_CADRE).forEach(s -> names.put(s.username(), s.displayName()));
        return names;
    }

    private List<CadreAssignment> named(List<SupervisionStore.Assignment> rows, Map<String, String> cadreNames) {
        // village names are public (published with their codes); the rows are already the caller's to see
        Map<String, String> villages = SystemAccess.call(() -> regions.names(
                rows.stream().map(SupervisionStore.Assignment::villageCode).toList()));
        return rows.stream()
                .map(a -> new CadreAssignment(
                        a.username(),
                        cadreNames.getOrDefault(a.username(), a.username()),
                        a.villageCode(),
                        villages.get(a.villageCode()),
                        a.assignedBy(),
                        a.assignedAt()))
                .toList();
    }

    /** Whether a code lies in the subtree of a region (itself included): codes carry their ancestors' digits. */
    static boolean within(String code, String root) {
        return RegionLevel.ofCode(root)
                .map(level -> code.startsWith(level.prefixOf(root)))
                .orElse(false);
    }

    private Instant now() {
        return clock.instant();
    }
}
