package cn.canbao.sms;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import cn.canbao.sms.templates.ApprovedTemplates;
import cn.canbao.sms.templates.SmsTemplate;
import cn.canbao.sms.templates.SmsText;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each county's reminder texts. A county starts with the defaults below (written on first use), and its
 * clerk edits them; no text may carry a link or a variable other than {@link SmsText#VARIABLES}.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class SmsTemplates {

    public static final String REMINDER_FIRST = "REMINDER_FIRST";
    public static final String REMINDER_SECOND = "REMINDER_SECOND";
    /** A household's reminder: one text to the household's contact listing the members still to pay (issue 16). */
    public static final String HOUSEHOLD_FIRST = "HOUSEHOLD_FIRST";

    public static final String HOUSEHOLD_SECOND = "HOUSEHOLD_SECOND";

    /**
     * The defaults, short enough for two UCS-2 segments with typical values. No name: "Texts carry no names or ID
     * numbers" (issue 16) — the reminder addresses whoever holds the phone.
     */
    public static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put(
                REMINDER_FIRST,
                "【医保缴费提醒】您好，城乡居民医保集中缴费期至{deadline}，" + "个人缴费{amount}元，可通过{channels}缴纳。{consequence}。回复TD退订");
        DEFAULTS.put(
                REMINDER_SECOND,
                "【医保缴费提醒】您好，再次提醒：居民医保缴费将于{deadline}截止，" + "您尚未缴费（{amount}元），请尽快通过{channels}缴纳，{consequence}。回复TD退订");
        // "一户一条": the members by their relation to the head (户主、配偶、长子共3人), never by name; the sum of shares
        DEFAULTS.put(
                HOUSEHOLD_FIRST,
                "【医保缴费提醒】您好，您家中{members}尚未缴纳城乡居民医保费，合计{amount}元，"
                        + "集中缴费期至{deadline}，可通过{channels}缴纳。{consequence}。回复TD退订");
        DEFAULTS.put(
                HOUSEHOLD_SECOND,
                "【医保缴费提醒】您好，再次提醒：居民医保缴费将于{deadline}截止，您家中{members}"
                        + "尚未缴费（合计{amount}元），请尽快通过{channels}缴纳，{consequence}。回复TD退订");
    }

    private final JdbcClient jdbc;
    private final RegionService regions;
    private final CurrentRegionScope scope;
    private final ApprovedTemplates approved;

    SmsTemplates(JdbcClient jdbc, RegionService regions, CurrentRegionScope scope, ApprovedTemplates approved) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.scope = scope;
        this.approved = approved;
    }

    /** The county of any region code: its first six digits. */
    static String countyOf(String regionCode) {
        if (regionCode == null || regionCode.length() < 6 || !regionCode.chars().allMatch(Character::isDigit)) {
            throw new SmsException("sms.request.badRegion", regionCode);
        }
        return regionCode.substring(0, 6) + "000000";
    }

    /**
     * The county's text for the key, the default if the county has not changed it (unscoped: the outbox
     * renders for processes running as nobody).
     */
    String body(String countyCode, String templateKey) {
        return jdbc.sql("select body from sms_template where county_code = ? and template_key = ?")
                .params(countyCode, templateKey)
                .query(String.class)
                .optional()
                .or(() -> java.util.Optional.ofNullable(DEFAULTS.get(templateKey)))
                .orElseThrow(() -> new SmsException("sms.template.unknown", templateKey));
    }

    /**
     * Whether the texts are the provider's approved templates (Alibaba Cloud): then they are shown as the resident
     * reads them and changed only by having the provider approve a new one and setting its code.
     */
    public boolean providerApproved() {
        return approved.active();
    }

    /** The county's templates (its own or the defaults; the provider's approved ones if it has them), for the caller's county. */
    public List<SmsTemplate> list(String countyCode) {
        Region county = county(countyCode);
        Map<String, SmsTemplate> result = new LinkedHashMap<>();
        if (approved.active()) {
            DEFAULTS.keySet()
                    .forEach(key -> result.put(
                            key,
                            new SmsTemplate(
                                    county.code(), key, approved.shown(key).orElseThrow(), null, null)));
            return List.copyOf(result.values());
        }
        DEFAULTS.forEach((key, body) -> result.put(key, new SmsTemplate(county.code(), key, body, null, null)));
        jdbc.sql("select * from sms_template where county_code = ? order by template_key")
                .param(county.code())
                .query(TEMPLATE)
                .list()
                .forEach(t -> result.put(t.templateKey(), t));
        return List.copyOf(result.values());
    }

    /** The clerk (or admin) of the county, or above it, saves a text after the checks of {@link SmsText}. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public SmsTemplate save(String countyCode, String templateKey, String body) {
        Region county = county(countyCode);
        if (!DEFAULTS.containsKey(templateKey)) {
            throw new SmsException("sms.template.unknown", templateKey);
        }
        if (approved.active()) {
            // a domestic provider sends only what it approved: a text edited here would never be sent
            throw new SmsException("sms.template.providerApproved");
        }
        SmsText.checkTemplate(body);
        String text = body.trim();
        jdbc.sql("insert into sms_template (county_code, template_key, body, updated_by) values (?,?,?,?) "
                        + "on conflict (county_code, template_key) do update set body = excluded.body, "
                        + "updated_by = excluded.updated_by, updated_at = now()")
                .params(county.code(), templateKey, text, CurrentUser.name())
                .update();
        return jdbc.sql("select * from sms_template where county_code = ? and template_key = ?")
                .params(county.code(), templateKey)
                .query(TEMPLATE)
                .single();
    }

    /** The county of the region, which must be visible to the caller. */
    private Region county(String code) {
        scope.get();
        Region region = regions.get(countyOf(code));
        if (region.level() != RegionLevel.COUNTY) {
            throw new SmsException("sms.request.badRegion", code);
        }
        return region;
    }

    private static final RowMapper<SmsTemplate> TEMPLATE = (rs, n) -> new SmsTemplate(
            rs.getString("county_code"),
            rs.getString("template_key"),
            rs.getString("body"),
            rs.getString("updated_by"),
            rs.getObject("updated_at", Timestamp.class).toInstant());
}
