package cn.canbao.browser;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.cadence.BulletinDue;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.register.person.PersonName;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserService;
import cn.canbao.sms.SmsTemplates;
import cn.canbao.sms.templates.SmsTemplate;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.router.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * With English chosen, no page shows Chinese words of the application (issue 19.4). Users of several roles who chose
 * English (saved on their record, as the language switch does) log in and open every route of the {@code @Route} annotations (those with a
 * campaign parameter with a campaign of the test, task forms once without a task and once for each kind of task
 * in their inbox), then the login page. On each page the visible text, the fields' labels, placeholders and
 * helper texts, the components' i18n objects, the charts' options and the tab's title must hold no CJK run that is
 * not data.
 * <p>
 * What is data, and so allowed in Chinese: every run of CJK characters in a text column of the database (region
 * names, persons' names and their masks (李*明), users' display names, campaign and school names, the files' headers a
 * reject quotes, the lagging reasons of the county's decision table …) — the run as a whole, so a UI word passes
 * only where the same word stands alone in some data; the texts residents receive (the SMS templates, Chinese as
 * residents read them) and the decision tables (processes/*.dmn: the policy rules as the documents write them). Also allowed: the words of the Chinese extract files the
 * English texts quote on purpose ({@link #QUOTED_FILE_WORDS}), and the language switch itself ("中文" is the
 * language's own name; its label says 语言 / Language so that a user in the wrong language finds it).
 * Not covered: dialogs and states reached only by clicking through a page.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnglishPagesBrowserIT extends BrowserTestBase {

    static final String CAMPAIGN = "英文界面测试行动";
    static final int YEAR = 2077;
    /** Words of the Chinese extract files that English texts quote (a file's headers and values are Chinese). */
    static final Set<String> QUOTED_FILE_WORDS = Set.of("男", "女", "变动类型", "变动日期", "母亲身份证号");

    private static final Pattern CJK = Pattern.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+");

    @Autowired
    RuntimeService runtime;

    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TaskInbox inbox;

    @Autowired
    UserService userService;

    @Autowired
    SmsTemplates smsTemplates;

    private Campaign campaign;
    private final Map<String, String> users = new LinkedHashMap<>();

    @BeforeAll
    void startACampaignWithTasks() {
        String township = jdbc.queryForObject(
                "select min(code) from region where parent_code = ? and deleted_at is null", String.class, COUNTY);
        String village = jdbc.queryForObject(
                "select min(code) from region where parent_code = ? and deleted_at is null", String.class, township);
        String grid = jdbc.queryForObject(
                "select min(code) from region where parent_code = ? and deleted_at is null", String.class, village);
        users.put(security.ensureUser("words.county.leader", COUNTY, Role.COUNTY_LEADER), "county leader");
        users.put(security.ensureUser("words.clerk", COUNTY, Role.CLERK), "clerk");
        users.put(security.ensureUser("words.admin", COUNTY, Role.ADMIN), "admin");
        users.put(security.ensureUser("words.township.leader", township, Role.TOWNSHIP_LEADER), "township leader");
        users.put(security.ensureUser("words.grid.worker", grid, Role.GRID_WORKER), "grid worker");
        // English chosen: what the language switch saves on the user's record
        users.keySet().forEach(u -> security.as(u, () -> userService.setOwnLocale(Locale.ENGLISH)));
        campaign = security.as("words.county.leader", campaigns::list).stream()
                .filter(c -> c.name().equals(CAMPAIGN))
                .findFirst()
                .orElseGet(() -> testCampaigns.start(
                        "words.county.leader",
                        NewCampaign.of(
                                CAMPAIGN, YEAR, COUNTY, LocalDate.of(YEAR - 1, 9, 1), LocalDate.of(YEAR - 1, 12, 31))));
        // a drafted bulletin: the county leader's review task and the bulletins page have something to show
        SystemAccess.run(() -> events.publishEvent(new BulletinDue(campaign.id(), LocalDate.of(YEAR - 1, 10, 15))));
    }

    @AfterAll
    void endTheCampaignsProcesses() {
        testCampaigns.endAll(campaign);
    }

    @Test
    void everyPageInEnglishShowsNoChineseButData() throws Exception {
        Set<String> data = dataRuns();
        List<String> routes = routes();
        List<String> found = new ArrayList<>();
        try (Browser browser = desk()) {
            for (String user : users.keySet()) {
                browser.driver().manage().deleteAllCookies();
                browser.login(user);
                assertThat(browser.driver().findElement(By.id("logout")).getText())
                        .isEqualTo("Log out");
                List<String> pages = new ArrayList<>(routes);
                pages.addAll(taskForms(user));
                for (String page : pages) {
                    browser.open(page);
                    try {
                        browser.waitFor(
                                d -> !d.findElements(By.cssSelector("#main-navigation, #access-denied, #not-found"))
                                        .isEmpty());
                        browser.settle();
                    } catch (org.openqa.selenium.TimeoutException notShown) {
                        // neither the page nor a refusal: an error page (a grid worker's /publicity was one)
                        found.add(users.get(user) + " " + page + ": the page did not show");
                    }
                    check(browser, users.get(user) + " " + page, data, found);
                }
            }
            // logged out, the language cookie the switch sets decides
            browser.driver().manage().deleteAllCookies();
            browser.open("/login");
            browser.driver().manage().addCookie(new Cookie("canbao-lang", "en", "/"));
            browser.open("/login");
            browser.waitFor(
                    d -> !d.findElements(By.cssSelector("vaadin-login-form")).isEmpty());
            browser.settle();
            check(browser, "logged out /login", data, found);
        }
        assertThat(found)
                .as("Chinese words on English pages (page: word … in context), or pages that did not show")
                .isEmpty();
    }

    /** Every CJK run of the page that is not data, with some context, under the page's name. */
    private static void check(Browser browser, String page, Set<String> data, List<String> found) {
        String text = browser.js(PAGE_TEXT);
        Set<String> reported = new HashSet<>();
        Matcher m = CJK.matcher(text);
        while (m.find()) {
            String run = m.group();
            if (!isData(run, data) && !QUOTED_FILE_WORDS.contains(run) && reported.add(run)) {
                String context = text.substring(Math.max(0, m.start() - 40), Math.min(text.length(), m.end() + 40))
                        .replaceAll("\\s+", " ");
                found.add(page + ": " + run + " … " + context);
            }
        }
    }

    /**
     * A run of data, or a village written as people write it, its township's name and its own together (东平镇西洋社区,
     * {@code RegionService.Label.full}).
     */
    private static boolean isData(String run, Set<String> data) {
        if (data.contains(run)) {
            return true;
        }
        for (int i = 1; i < run.length(); i++) {
            if (data.contains(run.substring(0, i)) && data.contains(run.substring(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The page as a reader meets it: visible text outside the language switch, the labels, placeholders, helper and
     * error texts and i18n objects of the components, the charts' options, the tab's title.
     */
    private static final String PAGE_TEXT = """
            const parts = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const e = n.parentElement;
              if (!e || e.closest('#language-switch, script, style, template')) continue;
              if (e.checkVisibility && !e.checkVisibility()) continue;
              parts.push(n.textContent);
            }
            for (const e of document.querySelectorAll('*')) {
              if (e.closest('#language-switch')) continue;
              for (const p of ['label', 'placeholder', 'helperText', 'errorMessage', 'title']) {
                if (typeof e[p] === 'string' && e[p]) parts.push(e[p]);
              }
              if (e.i18n && typeof e.i18n === 'object') {
                try { parts.push(JSON.stringify(e.i18n)); } catch (x) { }
              }
              const option = e.getAttribute('option');
              if (option) parts.push(option);
            }
            return parts.join('\\n');
            """;

    /** Each route of the application as a path to open: optional parameters left out, a campaign's filled in. */
    private List<String> routes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Set<String> paths = new TreeSet<>();
        for (BeanDefinition view : scanner.findCandidateComponents("cn.canbao")) {
            Route route;
            try {
                route = Class.forName(view.getBeanClassName()).getAnnotation(Route.class);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            if (route.value().equals("login")) {
                continue; // opened logged out at the end
            }
            List<String> segments = new ArrayList<>();
            for (String segment : route.value().split("/")) {
                if (segment.endsWith("?")) {
                    continue;
                }
                segments.add(
                        switch (segment) {
                            case ":campaign" -> Long.toString(campaign.id());
                            case ":id" -> "no-such-person"; // the refusal is a page too
                            default -> {
                                assertThat(segment)
                                        .as("a value for the route parameter of " + route.value())
                                        .doesNotStartWith(":");
                                yield segment;
                            }
                        });
            }
            paths.add("/" + String.join("/", segments));
        }
        assertThat(paths).as("routes").hasSizeGreaterThan(35).contains("/tasks", "/campaigns", "/tasks/visit");
        return List.copyOf(paths);
    }

    /** One open task of each form the user has in their inbox, as the task list opens it. */
    private List<String> taskForms(String user) {
        Map<String, String> byForm = new LinkedHashMap<>();
        for (InboxTask t : security.as(user, () -> inbox.open(TaskFilter.ALL))) {
            if (t.formKey() != null && t.formKey().startsWith("/")) {
                byForm.putIfAbsent(t.formKey(), t.formKey() + "?taskId=" + t.id());
            }
        }
        return List.copyOf(byForm.values());
    }

    /**
     * The CJK runs of the data: every text column of the application's tables (not the engines' — their task names
     * and job descriptions are not data), persons' names also as masked on screen, and the deployed rule tables.
     */
    private Set<String> dataRuns() throws IOException {
        Set<String> runs = new LinkedHashSet<>();
        security.as("words.clerk", () -> smsTemplates.list(COUNTY)).stream()
                .map(SmsTemplate::body)
                .forEach(body -> addRuns(body, runs));
        try (Stream<Path> tables = Files.list(Path.of("processes"))) {
            for (Path dmn : tables.filter(f -> f.toString().endsWith(".dmn")).toList()) {
                addRuns(Files.readString(dmn), runs);
            }
        }
        // rule tables a county uploaded (other tests upload some): their texts are the county's, as the bundled ones
        for (org.camunda.bpm.engine.repository.DecisionDefinition d :
                repository.createDecisionDefinitionQuery().list()) {
            try (java.io.InputStream xml = repository.getResourceAsStream(d.getDeploymentId(), d.getResourceName())) {
                addRuns(new String(xml.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), runs);
            }
        }
        List<Map<String, Object>> columns = jdbc.queryForList(
                "select table_name, column_name from information_schema.columns "
                        + "where table_schema = current_schema() and data_type in ('text', 'character varying') "
                        + "and table_name not like 'act\\_%' and table_name not like 'qrtz\\_%' and table_name not like 'flyway%'");
        for (Map<String, Object> c : columns) {
            boolean personName = c.get("table_name").toString().startsWith("person")
                    && c.get("column_name").equals("name");
            String sql = "select distinct \"" + c.get("column_name") + "\" from \"" + c.get("table_name")
                    + "\" where \"" + c.get("column_name") + "\" ~ '[\u4e00-\u9fff]' limit 200000";
            jdbc.query(sql, rs -> {
                String value = rs.getString(1);
                addRuns(value, runs);
                if (personName) {
                    addRuns(PersonName.mask(value), runs);
                }
            });
        }
        return runs;
    }

    private static void addRuns(String text, Set<String> runs) {
        Matcher m = CJK.matcher(text);
        while (m.find()) {
            runs.add(m.group());
        }
    }
}
