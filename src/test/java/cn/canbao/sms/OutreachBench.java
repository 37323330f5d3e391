package cn.canbao.sms;

import static cn.canbao.bench.BenchImports.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.bench.BenchBaselines;
import cn.canbao.bench.BenchImports;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.demo.YongchunSeed;
import cn.canbao.demo.synthetic.SyntheticCounty;
import cn.canbao.outreach.OutreachStarter;
import cn.canbao.register.ImportService;
import cn.canbao.security.SystemAccess;
import cn.canbao.sms.dispatch.SmsDispatcher;
import cn.canbao.sms.gateway.TwilioGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outreach at county scale (bench/outreach.sh; not part of ./mvnw verify): on the synthetic Yongchun register,
 * a campaign in its collection period starts outreach for every uninsured or lapsed resident (each instance
 * writes its first reminder to the outbox), against starting as many instances of a one-step no-op process in
 * the same run; then the first reminders drain through the real Twilio SDK to a local stub of Twilio at a
 * configured 100 messages/s, and the stub's arrival times show whether the limit held. Asserts counts, not times.
 * (In the sms test package for the stub and the dispatcher's package-private wiring.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "canbao.database.local-server.database=canbao_bench_outreach",
            "canbao.embedded-db.data-dir=target/pg-bench-outreach",
            "canbao.imports.dir=target/bench-outreach-imports",
            "canbao.sms.dispatcher.enabled=false",
            // as in production: the job executor on, so the start's queued ranges run beside the calling thread
            "camunda.bpm.job-execution.enabled=true",
            // the no-op process has no region: its warning per instance would slow the baseline down
            "logging.level.cn.canbao.security.camunda.ProcessInstanceGrants=ERROR"
        })
@ActiveProfiles("test")
class OutreachBench {

    static final int RATE = 100;

    @Autowired
    ImportService imports;

    @Autowired
    CampaignService campaigns;

    @Autowired
    OutreachStarter starter;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    SmsTestSupport support;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties camunda;

    @Autowired
    cn.canbao.outreach.OutreachSettings outreachSettings;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void outreachAtCountyScale() throws Exception {
        SyntheticCounty.Summary county = SyntheticCounty.write(Path.of("target", "bench-outreach-county"), 20230603L);
        BenchImports.importFile(imports, county.files().get("police_household"), "police_household");
        BenchImports.importFile(imports, county.files().get("insurance_status"), "insurance_status");
        List<String> lines = new ArrayList<>();
        lines.add(String.format("register: %,d persons", county.persons()));

        // the campaign in its collection period, on a weekday morning
        MutableClock clock = new MutableClock(LocalDateTime.of(2022, 10, 10, 10, 0));
        ClockUtil.setCurrentTime(Date.from(clock.instant()));
        Campaign campaign = SystemAccess.call(() -> campaigns.start(NewCampaign.of(
                "催缴基准行动",
                SyntheticCounty.ENROLLMENT_YEAR,
                YongchunSeed.COUNTY_CODE,
                LocalDate.of(2022, 9, 1),
                LocalDate.of(2023, 6, 30))));
        SystemAccess.run(() -> campaigns.enterPhase(campaign.id(), CampaignPhase.IMPLEMENT));

        long s0 = System.nanoTime();
        OutreachStarter.StartResult result = SystemAccess.call(() -> starter.start(campaign.id()));
        double starting = seconds(s0);
        // one process per household's uninsured members (issue 16): the others of the household follow their lead case
        int households = jdbc.queryForObject(
                "select count(*) from outreach_case where campaign_id = ? " + "and lead_case_id is null",
                Integer.class,
                campaign.id());
        assertThat(result.started()).isEqualTo(households);
        int queued = jdbc.queryForObject(
                "select count(*) from sms_message where campaign_id = ? and status = 'QUEUED'",
                Integer.class,
                campaign.id());
        int skipped = jdbc.queryForObject(
                "select count(*) from sms_message where campaign_id = ? and status = 'SKIPPED'",
                Integer.class,
                campaign.id());
        Map<String, Object> kinds = jdbc.queryForMap(
                "select count(*) filter (where kind = 'LAPSED') lapsed, "
                        + "count(*) filter (where kind = 'UNINSURED') uninsured, count(*) filter (where stage = 'VISIT_DUE') visit "
                        + "from outreach_case where campaign_id = ?",
                campaign.id());
        int hardship = jdbc.queryForObject(
                "select count(distinct p.id_number) from person p join person_group g "
                        + "on g.id_number = p.id_number and g.grp = 'HARDSHIP' where p.status = 'ACTIVE' and not exists "
                        + "(select 1 from enrollment e where e.id_number = p.id_number and e.year = ?)",
                Integer.class,
                SyntheticCounty.ENROLLMENT_YEAR);

        double noop = BenchBaselines.noopStarts(
                repository, runtime, tx, result.started(), outreachSettings.batchSize(), startThreads());
        lines.add(String.format(
                "outreach listed %,d residents (%s lapsed, %s uninsured; %,d uninsured hardship members "
                        + "left to the clerk's track) and started %,d household processes in %.1f s: %,.0f instances/s",
                result.listed(),
                kinds.get("lapsed"),
                kinds.get("uninsured"),
                hardship,
                result.started(),
                starting,
                result.started() / starting));
        lines.add(String.format(
                "  first reminders queued %,d, skipped %,d (opted out / no valid mobile); straight to a visit: %s",
                queued, skipped, kinds.get("visit")));
        lines.add(String.format(
                "  baseline: %,d instances of a one-step no-op process on %d threads in %.1f s (%,.0f/s) "
                        + "→ ratio %.1fx, the start at %.0f%% of the no-op rate",
                result.started(),
                startThreads(),
                noop,
                result.started() / noop,
                starting / noop,
                100 * noop / starting));
        lines.add(String.format(
                "  start threads: the calling one and the job executor's pool of %d to %d; batch size %d",
                camunda.getJobExecution().getCorePoolSize(),
                camunda.getJobExecution().getMaxPoolSize(),
                outreachSettings.batchSize()));

        // drain the first reminders through the real SDK to the stub at the configured rate (-Dbench.drain=false: not)
        if (Boolean.parseBoolean(System.getProperty("bench.drain", "true")))
            try (TwilioStub stub = new TwilioStub(clock::instant)) {
                SmsDispatcher dispatcher = support.dispatcher(
                        new TwilioGateway(
                                SmsTestSupport.twilio(stub.baseUrl(), "MG00000000000000000000000000000001", null),
                                clock),
                        SmsTestSupport.settings(RATE, null),
                        clock,
                        "bench");
                long d0 = System.nanoTime();
                int sent = 0;
                SmsDispatcher.Round round;
                do {
                    round = dispatcher.dispatch();
                    sent += round.sent();
                } while (round.sent() > 0 || round.retried() > 0);
                double draining = seconds(d0);
                int left = jdbc.queryForObject(
                        "select count(*) from sms_message where campaign_id = ? and status = 'QUEUED'",
                        Integer.class,
                        campaign.id());
                int deferred = jdbc.queryForObject(
                        "select count(*) from sms_message where campaign_id = ? and status = 'QUEUED' "
                                + "and defer_reason is not null",
                        Integer.class,
                        campaign.id());
                List<TwilioStub.Create> creates = stub.creates();
                int busiest = stub.busiestSecond();
                lines.add(String.format(
                        "drain at %d msg/s: %,d sent in %.1f s (%.1f msg/s); %,d left queued (%,d deferred by the "
                                + "per-number caps); busiest 1-s window at the stub: %d → limit %s",
                        RATE,
                        sent,
                        draining,
                        sent / draining,
                        left,
                        deferred,
                        busiest,
                        busiest <= RATE ? "held" : "EXCEEDED"));
                assertThat(creates).hasSize(sent);
                assertThat(busiest).isLessThanOrEqualTo(RATE);
            }
        String report = String.join("\n", lines);
        System.out.println("\n==== county-scale outreach benchmark (2 cores)\n" + report + "\n");
        Files.writeString(Path.of("target", "bench-outreach.txt"), report + "\n");
    }

    /** The calling thread and the job executor's pool at its largest (it grows when its queue is full). */
    private int startThreads() {
        return 1 + camunda.getJobExecution().getMaxPoolSize();
    }
}
