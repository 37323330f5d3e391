package cn.canbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.base.CanbaoClock;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.region.TestCounty;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.TestIds;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every REST endpoint of Canbao (and the calls of Camunda's REST API the UI relies on) × every role × the
 * caller's own region, another region, and anonymous → the status it must answer, read from
 * {@code security/matrix.txt}. A failing cell names the endpoint, the role and the place. An endpoint added to
 * a controller without its row fails {@link #everyEndpointHasARow()}.
 *
 * <p>The places are two synthetic counties of their own (so no other test's data matters): "own" is where the
 * path's records live (the campaign, the import, the task), "other" is the same role one county (for county
 * roles) or one township (for the rest) away.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixIT extends IntegrationTestBase {

    static final TestCounty OWN = new TestCounty("350582");
    static final TestCounty OTHER = new TestCounty("350583");
    static final String OWN_COUNTY = OWN.code();
    static final String OTHER_COUNTY = OTHER.code();
    static final String OWN_TOWNSHIP = OWN.township(1);
    static final String OTHER_TOWNSHIP = OWN.township(2);
    static final String OWN_VILLAGE = OWN.village(1, 1);
    static final String OTHER_VILLAGE = OWN.village(2, 1);
    static final String OWN_GRID = OWN.grid(1, 1);
    static final String OTHER_GRID = OWN.grid(2, 1);

    /** The columns of the matrix, in its order. */
    enum Caller {
        ANONYMOUS(null, null, null),
        COUNTY_LEADER(Role.COUNTY_LEADER, OWN_COUNTY, OTHER_COUNTY),
        COUNTY_CLERK(Role.CLERK, OWN_COUNTY, OTHER_COUNTY),
        ADMIN(Role.ADMIN, OWN_COUNTY, OTHER_COUNTY),
        OPERATOR(Role.OPERATOR, OWN_COUNTY, OTHER_COUNTY),
        TOWNSHIP_LEADER(Role.TOWNSHIP_LEADER, OWN_TOWNSHIP, OTHER_TOWNSHIP),
        TOWNSHIP_CLERK(Role.CLERK, OWN_TOWNSHIP, OTHER_TOWNSHIP),
        VILLAGE_CADRE(Role.VILLAGE_CADRE, OWN_VILLAGE, OTHER_VILLAGE),
        GRID_WORKER(Role.GRID_WORKER, OWN_GRID, OTHER_GRID),
        VOLUNTEER(Role.VOLUNTEER, OWN_VILLAGE, OTHER_VILLAGE);

        final Role role;
        final String own;
        final String other;

        Caller(Role role, String own, String other) {
            this.role = role;
            this.own = own;
            this.other = other;
        }

        String username(boolean own) {
            return "matrix." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + (own ? ".own" : ".other");
        }
    }

    /** One row of the matrix: an endpoint and the statuses per caller (own, other). */
    record Row(String method, String path, int anonymous, Map<Caller, int[]> expected, int line) {
        String endpoint() {
            return method + " " + path;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    org.camunda.bpm.engine.TaskService tasks;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<String, String> fixtures = new LinkedHashMap<>();
    private Campaign campaign;

    @BeforeAll
    void twoCountiesWithAUserOfEveryRoleInEach() {
        OWN.create(regions, "矩阵甲县", new TestCounty.Township("矩阵一镇", "矩阵一村"), new TestCounty.Township("矩阵二镇", "矩阵二村"));
        OTHER.create(regions, "矩阵乙县");
        for (Caller caller : Caller.values()) {
            if (caller.role != null) {
                security.ensureUser(caller.username(true), caller.own, caller.role);
                security.ensureUser(caller.username(false), caller.other, caller.role);
            }
        }
        security.ensureUser("matrix.target", OWN_VILLAGE, Role.VOLUNTEER);
        LocalDate today = LocalDate.now(CanbaoClock.DEFAULT_ZONE);
        campaign = security.as(
                Caller.COUNTY_LEADER.username(true),
                () -> campaigns.start(NewCampaign.of(
                        "权限矩阵行动", today.getYear() + 1, OWN_COUNTY, today.minusDays(5), today.plusDays(60))));
        String person = TestIds.id("350582", LocalDate.of(1980, 1, 1), 901);
        ImportRun run = importer.importAs(
                Caller.COUNTY_CLERK.username(true),
                ExtractKind.POLICE_HOUSEHOLD,
                "matrix.csv",
                ExtractHeaders.POLICE_WITH_MOBILE
                        + person + ",矩阵人,在册,2000-01-01," + OWN_VILLAGE + "," + OWN_VILLAGE + "," + OWN_GRID + ",\n"
                        + "110101199003070000,坏行,在册,2000-01-01," + OWN_VILLAGE + ",,,\n");
        fixtures.put("{campaign}", Long.toString(campaign.id()));
        fixtures.put("{import}", Long.toString(run.id()));
        fixtures.put("{number}", "1");
        fixtures.put("{bogus}", "no-such-version");
        fixtures.put("{noTransfer}", "999999999");
        fixtures.put("{targetUser}", "matrix.target");
        fixtures.put(
                "{deploymentId}",
                repository.createDeploymentQuery().orderByDeploymentTime().desc().list().stream()
                        .filter(d -> repository
                                        .createDecisionDefinitionQuery()
                                        .deploymentId(d.getId())
                                        .count()
                                > 0)
                        .findFirst()
                        .orElseThrow()
                        .getId());
        fixtures.put("{ownTownship}", OWN_TOWNSHIP);
        fixtures.put("{ownVillage}", OWN_VILLAGE);
        fixtures.put("{noTeam}", "999999999");
        fixtures.put("{publishTask}", taskOf("Task_PublishTownshipTargets"));
        fixtures.put("{campaignInstance}", campaign.processInstanceId());
    }

    @AfterAll
    void endTheCampaign() {
        if (runtime.createProcessInstanceQuery()
                        .processInstanceId(campaign.processInstanceId())
                        .count()
                > 0) {
            runtime.deleteProcessInstance(campaign.processInstanceId(), "matrix finished");
        }
    }

    private String taskOf(String definitionKey) {
        return tasks.createTaskQuery()
                .processInstanceId(campaign.processInstanceId())
                .taskDefinitionKey(definitionKey)
                .singleResult()
                .getId();
    }

    @Test
    void everyCellAnswersAsTheMatrixSays() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Row row : matrix()) {
            check(row, null, true, row.anonymous(), failures);
            for (Caller caller : Caller.values()) {
                if (caller.role == null) {
                    continue;
                }
                int[] expected = row.expected().get(caller);
                check(row, caller, true, expected[0], failures);
                check(row, caller, false, expected[1], failures);
            }
        }
        assertThat(failures)
                .as("cells of security/matrix.txt that answered otherwise")
                .isEmpty();
    }

    private void check(Row row, Caller caller, boolean own, int expected, List<String> failures) {
        HttpAttacker client = caller == null
                ? HttpAttacker.anonymous(port)
                : HttpAttacker.basic(port, caller.username(own), SecurityTestSupport.PASSWORD);
        HttpResponse<String> response = client.send(request(row, client));
        if (response.statusCode() != expected) {
            failures.add("line " + row.line() + ": " + row.endpoint() + " as "
                    + (caller == null ? "anonymous" : caller + (own ? " (own region)" : " (other region)"))
                    + " answered " + response.statusCode()
                    + ", expected " + expected + (response.statusCode() >= 500 ? ": " + response.body() : ""));
        }
    }

    /** The request of a row: the path's placeholders filled in; a body for the calls that need one. */
    private HttpRequest.Builder request(Row row, HttpAttacker client) {
        String path = row.path();
        for (var f : fixtures.entrySet()) { // placeholders of the matrix
            path = path.replace(f.getKey(), f.getValue());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path));
        Function<HttpRequest.Builder, HttpRequest.Builder> body =
                BODIES.getOrDefault(row.endpoint(), b -> b.method(row.method(), HttpRequest.BodyPublishers.noBody()));
        return body.apply(request);
    }

    /**
     * Bodies that reach the role check without changing anything when allowed: a file the service refuses for its
     * content (so an allowed caller gets 400, a refused one 403), an empty JSON where the call takes one.
     */
    private static final Map<String, Function<HttpRequest.Builder, HttpRequest.Builder>> BODIES = Map.ofEntries(
            Map.entry("POST /api/users", b -> json(b, "POST", "{\"username\":\"\"}")),
            // a team without a name is refused for its content: nothing is set up
            Map.entry("POST /api/campaigns/{campaign}/supervision-teams", b -> json(b, "POST", "{\"name\":\"\"}")),
            Map.entry(
                    "POST /api/supervision-teams/{noTeam}/members",
                    b -> json(b, "POST", "{\"username\":\"matrix.target\",\"department\":\"县税务局\"}")),
            // only operators may rewrite a task's variables on their own (the county leader completes it, that is all)
            Map.entry(
                    "PUT /engine-rest/task/{publishTask}/variables/comment",
                    b -> json(b, "PUT", "{\"value\":\"matrix\",\"type\":\"String\"}")),
            // enabling an enabled volunteer, giving it the role it has: allowed callers change nothing
            Map.entry("PUT /api/users/{targetUser}/enabled", b -> json(b, "PUT", "true")),
            Map.entry("PUT /api/users/{targetUser}/roles", b -> json(b, "PUT", "[\"VOLUNTEER\"]")),
            // a preference without a channel is refused for its content; DEFAULT on a region without a choice is a
            // no-op
            Map.entry("PUT /api/notify/preferences/me", b -> json(b, "PUT", "{}")),
            Map.entry(
                    "PUT /api/notify/regions/{ownTownship}/channel", b -> json(b, "PUT", "{\"channel\":\"DEFAULT\"}")),
            Map.entry("POST /api/transfers/{noTransfer}/approve", b -> json(b, "POST", "{\"note\":\"x\"}")),
            Map.entry("POST /api/transfers/{noTransfer}/reject", b -> json(b, "POST", "{\"note\":\"x\"}")),
            Map.entry("POST /api/imports", b -> multipart(b, Map.of("kind", "police_household"), "not,an,extract\n")),
            Map.entry(
                    "POST /api/imports/preview",
                    b -> multipart(b, Map.of("kind", "police_household"), "not,an,extract\n")),
            Map.entry(
                    "PUT /api/imports/mappings/{bogus}?kind=police_household",
                    b -> json(b, "PUT", "{\"mapping\":{},\"encoding\":\"EBCDIC\"}")),
            Map.entry("POST /api/policy-rules", b -> multipart(b, Map.of("year", "2097"), "this is not a DMN file")),
            Map.entry(
                    "POST /webhooks/twilio/status",
                    b -> b.header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM1&MessageStatus=delivered"))),
            Map.entry(
                    "POST /webhooks/twilio/inbound",
                    b -> b.header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM2&From=%2B8613800138000&Body=TD"))),
            // an operator's deployment reaches the parser and fails there (400); anybody else is refused before (403)
            Map.entry(
                    "POST /engine-rest/deployment/create",
                    b -> multipart(b, Map.of("deployment-name", "matrix-probe"), "<definitions/>")));

    private static HttpRequest.Builder json(HttpRequest.Builder b, String method, String body) {
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder multipart(HttpRequest.Builder b, Map<String, String> fields, String file) {
        String boundary = "----matrix" + System.nanoTime();
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(k)
                .append("\"\r\n\r\n")
                .append(v)
                .append("\r\n"));
        sb.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(fields.containsKey("deployment-name") ? "data" : "file")
                .append("\"; filename=\"")
                .append(fields.containsKey("deployment-name") ? "matrix.bpmn" : "matrix.txt")
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(file)
                .append("\r\n--")
                .append(boundary)
                .append("--\r\n");
        return b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(sb.toString(), StandardCharsets.UTF_8));
    }

    @Test
    void everyEndpointHasARow() throws IOException {
        Set<String> rows = new TreeSet<>();
        matrix().forEach(r -> rows.add(r.method() + " " + normalise(r.path())));
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("cn.canbao")) {
                continue;
            }
            Set<String> methods = new LinkedHashSet<>();
            e.getKey().getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            for (String pattern : e.getKey().getPatternValues()) {
                for (String method : methods.isEmpty() ? Set.of("GET") : methods) {
                    endpoints.add(method + " " + normalise(pattern));
                }
            }
        }
        assertThat(endpoints)
                .as("endpoints of Canbao's controllers need a row in security/matrix.txt")
                .isSubsetOf(rows);
    }

    /** {id}, {number:\d+} and the matrix's named fixtures all read as {} for the comparison; a query is no part of it. */
    private static String normalise(String path) {
        return path.replaceAll("\\?.*$", "").replaceAll("\\{[^}]*}", "{}");
    }

    static List<Row> matrix() throws IOException {
        List<Row> rows = new ArrayList<>();
        String[] lines = new String(
                        new ClassPathResource("security/matrix.txt")
                                .getInputStream()
                                .readAllBytes(),
                        StandardCharsets.UTF_8)
                .split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length != Caller.values().length + 1) {
                throw new IllegalStateException("security/matrix.txt line " + (i + 1) + ": " + cells.length
                        + " cells, expected " + (Caller.values().length + 1));
            }
            String[] endpoint = cells[0].strip().split("\\s+");
            Map<Caller, int[]> expected = new EnumMap<>(Caller.class);
            for (int c = 1; c < Caller.values().length; c++) {
                String[] pair = cells[c + 1].strip().split("/");
                expected.put(
                        Caller.values()[c],
                        new int[] {Integer.parseInt(pair[0]), Integer.parseInt(pair.length > 1 ? pair[1] : pair[0])});
            }
            rows.add(new Row(endpoint[0], endpoint[1], Integer.parseInt(cells[1].strip()), expected, i + 1));
        }
        return rows;
    }
}
