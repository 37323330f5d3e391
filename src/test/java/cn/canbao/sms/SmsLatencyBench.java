package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.sms.dispatch.SmsDispatchWorker;
import cn.canbao.sms.dispatch.SmsDispatcher;
import cn.canbao.sms.gateway.TwilioGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dispatcher under provider latency (bench/sms.sh; not part of ./mvnw verify): the real dispatch worker loop and
 * the real Twilio SDK against a local stub of Twilio's Messages API that answers each create after 0, 300 ms or 1 s,
 * on one node and on two (two workers with their own dispatchers and connections on one database, taking turns by
 * the dispatcher's advisory lock). Reports the rate the stub saw (first to last arrival) against the configured rate
 * and against the instantly answering stub of the same run, and the busiest one-second window at the stub; and the
 * strict rule of earlier stops (a place held until a second after the send returned) at 300 ms for comparison.
 * Asserts what must hold (every message once, the limit never exceeded), not times.
 */
@SpringBootTest(
        properties = {
            "canbao.database.local-server.database=canbao_bench_sms",
            "canbao.embedded-db.data-dir=target/pg-bench-sms",
            "canbao.sms.dispatcher.enabled=false"
        })
@ActiveProfiles("test")
class SmsLatencyBench {

    @Autowired
    SmsTestSupport support;

    @Autowired
    SmsOutbox outbox;

    private final MutableClock clock = new MutableClock(LocalDateTime.of(2026, 11, 2, 10, 0));

    private record Run(String name, int rate, int latencyMs, int nodes, Duration spread) {}

    private record Result(Run run, int sent, double seconds, double perSecond, int busiest, double tightestMs) {}

    @Test
    void dispatchUnderProviderLatency() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int rate : new int[] {10, 100}) {
            runs.add(new Run("instant (baseline)", rate, 0, 1, Duration.ofMillis(30)));
            runs.add(new Run("300 ms, 1 node", rate, 300, 1, Duration.ofMillis(30)));
            runs.add(new Run("300 ms, 2 nodes", rate, 300, 2, Duration.ofMillis(30)));
            runs.add(new Run("1 s, 1 node", rate, 1000, 1, Duration.ofMillis(30)));
            runs.add(new Run("1 s, 2 nodes", rate, 1000, 2, Duration.ofMillis(30)));
            runs.add(new Run("300 ms, strict rule", rate, 300, 1, Duration.ofSeconds(1)));
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "%-22s %6s %6s %8s %9s %9s %11s %8s %9s",
                "run", "rate/s", "sent", "seconds", "msg/s", "of rate", "of instant", "busiest", "tightest"));
        List<Result> results = new ArrayList<>();
        double instant = 0;
        cn.canbao.security.SecurityTestSupport.beginSystem(); // enqueuing as the outreach processes do
        for (Run run : runs) {
            Result r = measure(run);
            if (run.latencyMs() == 0) {
                instant = r.perSecond();
            }
            results.add(r);
            lines.add(String.format(
                    "%-22s %6d %6d %8.1f %9.1f %8.1f%% %10.1f%% %8d %7.1fms",
                    run.name(),
                    run.rate(),
                    r.sent(),
                    r.seconds(),
                    r.perSecond(),
                    100 * r.perSecond() / run.rate(),
                    100 * r.perSecond() / instant,
                    r.busiest(),
                    r.tightestMs()));
            System.out.println(lines.get(lines.size() - 1));
        }
        cn.canbao.security.SecurityTestSupport.endSystem();
        String report = String.join("\n", lines);
        System.out.println(
                "\n==== SMS dispatch under provider latency (2 cores; workers, Twilio SDK, stub)\n" + report + "\n");
        Files.writeString(Path.of("target", "bench-sms.txt"), report + "\n");
        for (Result r : results) {
            assertThat(r.busiest())
                    .as("%s: the busiest second at the provider", r.run())
                    .isLessThanOrEqualTo(r.run().rate());
        }
    }

    /** Fifteen seconds' worth of messages at the run's rate, one to each of as many residents. */
    private Result measure(Run run) throws Exception {
        support.clean();
        String grid = support.grid();
        int messages = run.rate() * 15;
        List<SmsTestSupport.Resident> residents = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            residents.add(new SmsTestSupport.Resident(i, String.format("1370%07d", i)));
        }
        List<String> ids = support.persons(grid, residents);
        for (int i = 0; i < messages; i++) {
            String mobile = residents.get(i).mobile();
            outbox.enqueue(SmsTestSupport.reminder(ids.get(i), mobile, grid, SmsTemplates.REMINDER_FIRST, "bench-" + i))
                    .orElseThrow();
        }
        SmsSettings base = SmsTestSupport.settings(run.rate(), null);
        SmsSettings settings =
                base.withDispatcher(new SmsSettings.Dispatcher(true, Duration.ofSeconds(5), 0, run.spread()));
        try (TwilioStub stub = new TwilioStub(clock::instant)) {
            stub.latency(Duration.ofMillis(run.latencyMs()));
            List<SmsDispatchWorker> workers = new ArrayList<>();
            for (int n = 0; n < run.nodes(); n++) {
                SmsDispatcher dispatcher = support.dispatcher(
                        new TwilioGateway(
                                SmsTestSupport.twilio(stub.baseUrl(), "MG00000000000000000000000000000001", null),
                                settings.dispatcher().sendersFor(run.rate()),
                                clock),
                        settings,
                        clock,
                        "bench-node-" + n);
                workers.add(new SmsDispatchWorker(dispatcher, settings.dispatcher()));
            }
            workers.forEach(SmsDispatchWorker::start);
            try {
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> accepted() == messages);
            } finally {
                workers.forEach(SmsDispatchWorker::stop);
            }
            List<Long> arrivals = stub.creates().stream()
                    .map(TwilioStub.Create::nanos)
                    .sorted()
                    .toList();
            assertThat(accepted()).as("%s: all accepted", run).isEqualTo(messages);
            assertThat(arrivals).as("%s: each sent once", run).hasSize(messages);
            double seconds = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
            // sends leave spaced (RateLimiter): first to last arrival spans messages - 1 intervals
            double perSecond = (messages - 1) / seconds;
            long tightest = Long.MAX_VALUE; // the shortest span of rate + 1 arrivals: under a second is over the limit
            for (int i = 0; i + run.rate() < arrivals.size(); i++) {
                tightest = Math.min(tightest, arrivals.get(i + run.rate()) - arrivals.get(i));
            }
            return new Result(run, messages, seconds, perSecond, stub.busiestSecond(), tightest / 1e6);
        } finally {
            support.clean();
        }
    }

    private int accepted() {
        return support.jdbc.queryForObject("select count(*) from sms_message where status = 'ACCEPTED'", Integer.class);
    }
}
