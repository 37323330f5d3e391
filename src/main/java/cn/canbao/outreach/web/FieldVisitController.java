package cn.canbao.outreach.web;

import cn.canbao.base.DomainException;
import cn.canbao.base.Translatable;
import cn.canbao.base.web.DomainProblems;
import cn.canbao.outreach.ContactMethod;
import cn.canbao.outreach.VisitOutcome;
import cn.canbao.outreach.field.FieldSettings;
import cn.canbao.outreach.field.FieldVisitForm;
import cn.canbao.outreach.field.FieldVisitService;
import cn.canbao.register.person.NotEnrolledReason;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The field page's calls, behind the login session like the Vaadin views (so a state-changing call carries the
 * session's CSRF token, which {@code GET /field/api/session} hands the page): {@code GET /field/api/visits} the
 * caller's open visits, {@code POST /field/api/visits/{taskId}} a filled form (multipart: {@code visit} as JSON,
 * optional {@code photo}) with the phone's {@code Idempotency-Key}, {@code GET /field/api/photos/{id}} a visit's
 * photo. The service checks role and region; a key reused for another form, or a task completed already → 409.
 */
@RestController
@RequestMapping("/field/api")
class FieldVisitController {

    /** Refusals that say "this was done already": the phone drops the form and says why. */
    private static final List<String> CONFLICTS = List.of("outreach.field.keyReused", "task.gone");

    /** The visit form's labels, the Vaadin form's own: one translation for both forms. */
    private static final List<String> FORM_LABELS = List.of(
            "outreach.visit.method",
            "outreach.visit.outcome",
            "outreach.visit.reason",
            "outreach.visit.promisedDate",
            "outreach.visit.evidence",
            "outreach.visit.movedTo",
            "outreach.visit.deathDate",
            "outreach.visit.insuredScheme",
            "outreach.visit.insuredWhere",
            "outreach.visit.correctedMobile",
            "outreach.visit.correctedAddress",
            "outreach.visit.note",
            "outreach.visit.save",
            "outreach.visit.household",
            "outreach.visit.sameAsHousehold");

    private final FieldVisitService visits;
    private final FieldSettings settings;
    private final MessageSource messages;
    private final DomainProblems problems;

    FieldVisitController(
            FieldVisitService visits, FieldSettings settings, MessageSource messages, DomainProblems problems) {
        this.visits = visits;
        this.settings = settings;
        this.messages = messages;
        this.problems = problems;
    }

    /**
     * Who is logged in, the CSRF token the page sends back, the photo limit, and the labels of the form's choices
     * in the user's language (the page keeps them for offline use).
     */
    @GetMapping("/session")
    Map<String, Object> session(
            CsrfToken csrf, @CookieValue(value = "canbao-lang", required = false) String languageCookie) {
        CanbaoUser user = CurrentUser.require();
        Locale locale = languageOf(user.locale() != null ? user.locale() : languageCookie);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("username", user.getUsername());
        s.put("displayName", user.displayName());
        s.put("locale", locale.toLanguageTag());
        s.put("csrfHeader", csrf.getHeaderName());
        s.put("csrfToken", csrf.getToken());
        s.put("photoMaxBytes", settings.photoMaxSize().toBytes());
        Map<String, String> fields = new LinkedHashMap<>();
        FORM_LABELS.forEach(
                key -> fields.put(key.substring(key.lastIndexOf('.') + 1), messages.getMessage(key, null, locale)));
        s.put("fields", fields);
        s.put("methods", labels(ContactMethod.values(), locale));
        s.put("outcomes", labels(VisitOutcome.values(), locale));
        s.put("reasons", labels(NotEnrolledReason.values(), locale));
        s.put(
                "schemes",
                Map.of(
                        "RESIDENT", messages.getMessage("outreach.scheme.RESIDENT", null, locale),
                        "EMPLOYEE", messages.getMessage("outreach.scheme.EMPLOYEE", null, locale)));
        return s;
    }

    @GetMapping("/visits")
    List<FieldVisitService.FieldTask> visits() {
        return visits.openVisits();
    }

    @PostMapping(value = "/visits/{taskId}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    FieldVisitService.FieldSubmission submit(
            @PathVariable String taskId,
            @RequestHeader(value = "Idempotency-Key", required = false) UUID key,
            @RequestPart("visit") FieldVisitForm form,
            @RequestPart(value = "photo", required = false) MultipartFile photo)
            throws IOException {
        return visits.submit(taskId, key, form, photo == null || photo.isEmpty() ? null : photo.getBytes());
    }

    @GetMapping("/photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable long id) {
        FieldVisitService.VisitPhoto photo = visits.photo(id, "VISIT_PHOTO");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .cacheControl(CacheControl.noStore())
                .body(photo.bytes());
    }

    @ExceptionHandler(DomainException.class)
    ProblemDetail refused(DomainException e, Locale locale) {
        ProblemDetail problem = problems.of(e, locale);
        if (CONFLICTS.contains(e.messageKey())) {
            problem.setStatus(HttpStatus.CONFLICT);
        }
        return problem;
    }

    /**
     * The user's language as the Vaadin views pick it: their saved choice, else the login page's language cookie,
     * else Chinese (not the browser's language: Chinese first); English is the only other one.
     */
    private static Locale languageOf(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("en")
                ? Locale.ENGLISH
                : Locale.SIMPLIFIED_CHINESE;
    }

    private Map<String, String> labels(Translatable[] values, Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Translatable t : values) {
            labels.put(((Enum<?>) t).name(), messages.getMessage(t.messageKey(), null, locale));
        }
        return labels;
    }
}
