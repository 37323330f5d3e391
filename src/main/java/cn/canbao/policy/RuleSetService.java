package cn.canbao.policy;

import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.person.HardshipCategory;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityAudit;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rule sets (policy_rule_set): which applies to a person's place in a scheme year — the county's, else its
 * city's, else its province's — and their upkeep. Reading is open to every logged-in user and to the system
 * (rules are public; reminders quote them). Saving is for clerks and admins of a province, city or county that
 * covers the place; a save retires the active set of the same year and place, which stays for the record, and is
 * audited.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class RuleSetService {

    static final String AUDIT_SAVED = "RULE_SET_SAVED";
    private static final Set<RegionLevel> PLACES = Set.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY);
    private static final String COLUMNS =
            "id, scheme_year, place_code, place_name, mechanism_from, personal_contribution, "
                    + "government_subsidy, original_limit, collection_start, collection_end, raise_amount, reduction_amount, "
                    + "bound_percent";

    private final JdbcTemplate jdbc;
    private final RegionService regions;
    private final SecurityAudit audit;

    RuleSetService(JdbcTemplate jdbc, RegionService regions, SecurityAudit audit) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.audit = audit;
    }

    /**
     * The active rule set of the scheme year for a region (any level, 12 or 15 digits): the most specific of its
     * county, city and province; empty when none was entered (then no rule of the mechanism applies).
     */
    public Optional<RuleSet> applying(int schemeYear, String regionCode) {
        return applying(schemeYear, List.of(regionCode)).values().stream().findFirst();
    }

    /** {@link #applying(int, String)} for many regions in one statement, by region code (regions without one absent). */
    public Map<String, RuleSet> applying(int schemeYear, java.util.Collection<String> regionCodes) {
        Map<String, List<String>> placesOf = new HashMap<>();
        Set<String> places = new java.util.HashSet<>();
        for (String code : regionCodes) {
            if (code == null || code.length() < 6) {
                continue;
            }
            List<String> chain = List.of(
                    code.substring(0, 6) + "000000",
                    code.substring(0, 4) + "00000000",
                    code.substring(0, 2) + "0000000000");
            placesOf.put(code, chain);
            places.addAll(chain);
        }
        if (places.isEmpty()) {
            return Map.of();
        }
        Map<String, RuleSet> byPlace = new HashMap<>();
        read(
                        "where active and scheme_year = ? and place_code = any(?::varchar[])",
                        schemeYear,
                        places.toArray(String[]::new))
                .forEach(r -> byPlace.put(r.placeCode(), r));
        Map<String, RuleSet> out = new HashMap<>();
        placesOf.forEach((code, chain) -> chain.stream()
                .map(byPlace::get)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .ifPresent(r -> out.put(code, r)));
        return out;
    }

    /** The active rule sets of the places on the user's chain (their region, its ancestors and descendants), newest year first. */
    public List<RuleSet> visible() {
        if (CurrentUser.isSystem()) {
            return read("where active order by scheme_year desc, place_code");
        }
        String own = CurrentUser.require().regionCode();
        String prefix = RegionLevel.ofCode(own).map(l -> l.prefixOf(own)).orElse(own);
        List<String> ancestors = List.of(
                own.substring(0, 2) + "0000000000", own.substring(0, 4) + "00000000", own.substring(0, 6) + "000000");
        return read(
                "where active and (place_code like ? or place_code = any(?::varchar[])) "
                        + "order by scheme_year desc, place_code",
                prefix + "%",
                ancestors.toArray(String[]::new));
    }

    /**
     * Enters (or replaces) the rule set of its scheme year and place. Refused, with nothing changed, when the
     * caller is not a clerk or admin covering the place, the place is not a province, city or county, or the
     * figures break a rule of the documents (a raise below 1,000 yuan, a mechanism without the original maximum,
     * a period ending before it starts, a fixed subsidy above the contribution).
     */
    @Transactional
    public RuleSet save(RuleSet draft) {
        CurrentUser.requireActing(draft.placeCode(), Role.CLERK, Role.ADMIN);
        Region place = regions.findUnscoped(draft.placeCode())
                .filter(r -> PLACES.contains(r.level()))
                .orElseThrow(() -> new PolicyException("policy.ruleSet.place", draft.placeCode()));
        validate(draft);
        String actor = CurrentUser.name();
        jdbc.update(
                "update policy_rule_set set active = false, retired_by = ?, retired_at = now() "
                        + "where active and scheme_year = ? and place_code = ?",
                actor,
                draft.schemeYear(),
                place.code());
        Long id = jdbc.queryForObject(
                "insert into policy_rule_set (scheme_year, place_code, place_name, mechanism_from, "
                        + "personal_contribution, government_subsidy, original_limit, collection_start, collection_end, "
                        + "raise_amount, reduction_amount, bound_percent, created_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
                Long.class,
                draft.schemeYear(),
                place.code(),
                place.name(),
                draft.mechanismFrom(),
                draft.personalContribution(),
                draft.governmentSubsidy(),
                draft.originalLimit(),
                draft.collectionStart(),
                draft.collectionEnd(),
                draft.raiseAmount(),
                draft.reductionAmount(),
                draft.boundPercent(),
                actor);
        draft.subsidies()
                .forEach((category, s) -> jdbc.update(
                        "insert into policy_hardship_subsidy "
                                + "(rule_set_id, category, full_amount, amount) values (?, ?, ?, ?)",
                        id,
                        category.name(),
                        s.full(),
                        s.full() ? null : s.amount()));
        audit.record(
                AUDIT_SAVED,
                draft.schemeYear() + " " + place.code(),
                SecurityAudit.Outcome.ALLOWED,
                "id " + id
                        + (draft.mechanismFrom() == null
                                ? ", no mechanism"
                                : ", mechanism from " + draft.mechanismFrom()));
        return read("where id = ?", id).get(0);
    }

    private static void validate(RuleSet r) {
        wholeYuan(r.personalContribution(), "personalContribution");
        wholeYuan(r.governmentSubsidy(), "governmentSubsidy");
        wholeYuan(r.raiseAmount(), "raiseAmount");
        wholeYuan(r.reductionAmount(), "reductionAmount");
        if (r.originalLimit() != null) {
            wholeYuan(r.originalLimit(), "originalLimit");
        }
        if (r.raiseAmount().compareTo(RuleSet.MINIMUM_RAISE) < 0) {
            throw new PolicyException("policy.ruleSet.raiseTooSmall", RuleSet.MINIMUM_RAISE.toPlainString());
        }
        if (r.mechanismFrom() != null && r.originalLimit() == null) {
            throw new PolicyException("policy.ruleSet.limitMissing");
        }
        if (r.collectionEnd().isBefore(r.collectionStart())) {
            throw new PolicyException("policy.ruleSet.period");
        }
        if (r.boundPercent() < 0 || r.boundPercent() > 100) {
            throw new PolicyException("policy.ruleSet.bound");
        }
        r.subsidies().forEach((category, s) -> {
            if (!s.full()
                    && (s.amount() == null
                            || s.amount().signum() < 0
                            || s.amount().compareTo(r.personalContribution()) > 0)) {
                throw new PolicyException("policy.ruleSet.subsidy", category.name());
            }
        });
    }

    private static void wholeYuan(BigDecimal amount, String field) {
        if (amount == null || amount.signum() < 0 || amount.stripTrailingZeros().scale() > 0) {
            throw new PolicyException("policy.ruleSet.amount", field);
        }
    }

    private List<RuleSet> read(String where, Object... args) {
        List<Raw> rows = jdbc.query("select " + COLUMNS + " from policy_rule_set " + where, RAW, args);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<HardshipCategory, RuleSet.Subsidy>> subsidies = new HashMap<>();
        jdbc.query(
                "select rule_set_id, category, full_amount, amount from policy_hardship_subsidy "
                        + "where rule_set_id = any(?::bigint[])",
                rs -> {
                    subsidies
                            .computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(HardshipCategory.class))
                            .put(
                                    HardshipCategory.valueOf(rs.getString(2)),
                                    rs.getBoolean(3)
                                            ? RuleSet.Subsidy.whole()
                                            : RuleSet.Subsidy.fixed(rs.getBigDecimal(4)));
                },
                (Object) rows.stream().map(Raw::id).toArray(Long[]::new));
        List<RuleSet> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.with(subsidies.getOrDefault(r.id(), Map.of()))));
        return out;
    }

    private record Raw(
            long id,
            int year,
            String place,
            String name,
            Integer from,
            BigDecimal contribution,
            BigDecimal subsidy,
            BigDecimal limit,
            java.time.LocalDate start,
            java.time.LocalDate end,
            BigDecimal raise,
            BigDecimal reduction,
            int bound) {
        RuleSet with(Map<HardshipCategory, RuleSet.Subsidy> subsidies) {
            return new RuleSet(
                    id,
                    year,
                    place,
                    name,
                    from,
                    contribution,
                    subsidy,
                    limit,
                    start,
                    end,
                    raise,
                    reduction,
                    bound,
                    subsidies);
        }
    }

    private static final RowMapper<Raw> RAW = (ResultSet rs, int n) -> new Raw(
            rs.getLong(1),
            rs.getInt(2),
            rs.getString(3),
            rs.getString(4),
            rs.getObject(5) == null ? null : rs.getInt(5),
            rs.getBigDecimal(6),
            rs.getBigDecimal(7),
            rs.getBigDecimal(8),
            rs.getDate(9).toLocalDate(),
            rs.getDate(10).toLocalDate(),
            rs.getBigDecimal(11),
            rs.getBigDecimal(12),
            rs.getInt(13));
}
