package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An outreach start's batch queues its texts together: each as one enqueue would queue it. */
@CanbaoIntegrationTest
class OutboxBatchIT extends SmsTestBase {

    @Test
    void aBatchQueuesSkipsAndDeduplicatesAsSingleEnqueuesDo() {
        String queued = support.person(3101, "13800003101", grid);
        String optedOut = support.person(3102, "13800003102", grid);
        jdbc.update("update person set sms_opt_out = true where id_number = ?", optedOut);
        String noMobile = support.person(3103, null, grid);
        String earlier = support.person(3104, "13800003104", grid);
        long before = outbox.enqueue(SmsTestSupport.reminder(
                        earlier, "13800003104", grid, SmsTemplates.REMINDER_FIRST, "batch-earlier"))
                .orElseThrow();

        List<Optional<Long>> ids = outbox.enqueueAll(List.of(
                SmsTestSupport.reminder(queued, "13800003101", grid, SmsTemplates.REMINDER_FIRST, "batch-1"),
                SmsTestSupport.reminder(optedOut, "13800003102", grid, SmsTemplates.REMINDER_FIRST, "batch-2"),
                SmsTestSupport.reminder(noMobile, null, grid, SmsTemplates.REMINDER_FIRST, "batch-3"),
                SmsTestSupport.reminder(queued, "13800003101", grid, SmsTemplates.REMINDER_SECOND, " batch-1 "),
                SmsTestSupport.reminder(earlier, "13800003104", grid, SmsTemplates.REMINDER_FIRST, "batch-earlier")));

        assertThat(ids.get(0)).isPresent();
        assertThat(ids.subList(1, 5)).containsOnly(Optional.empty());
        Map<String, Object> first =
                jdbc.queryForMap("select id_number, mobile, status, skip_reason, template_key, body, "
                        + "segments, campaign_id from sms_message where dedup_key = 'batch-1'");
        assertThat(first)
                .containsEntry("id_number", queued)
                .containsEntry("mobile", "13800003101")
                .containsEntry("status", "QUEUED")
                .containsEntry("skip_reason", null)
                .containsEntry("template_key", SmsTemplates.REMINDER_FIRST)
                .containsEntry("campaign_id", 1L);
        assertThat((String) first.get("body")).contains("400").doesNotContain(queued);
        assertThat(support.status(ids.get(0).orElseThrow())).isEqualTo("QUEUED");
        assertThat(jdbc.queryForList(
                        "select status || '/' || skip_reason from sms_message where dedup_key in "
                                + "('batch-2', 'batch-3') order by dedup_key",
                        String.class))
                .containsExactly("SKIPPED/OPTED_OUT", "SKIPPED/NO_MOBILE");
        // the repeated key (trimmed) and the key queued before are not queued again
        assertThat(jdbc.queryForObject(
                        "select count(*) from sms_message where dedup_key in ('batch-1', 'batch-earlier')",
                        Integer.class))
                .isEqualTo(2);
        assertThat(support.status(before)).isEqualTo("QUEUED");
        assertThat(jdbc.queryForObject("select count(*) from sms_message where status_at is not null", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void oneBadRequestRefusesTheWholeBatch() {
        String queued = support.person(3105, "13800003105", grid);
        assertThatThrownBy(() -> outbox.enqueueAll(List.of(
                        SmsTestSupport.reminder(queued, "13800003105", grid, SmsTemplates.REMINDER_FIRST, "bad-1"),
                        SmsTestSupport.reminder("123", "13800003105", grid, SmsTemplates.REMINDER_FIRST, "bad-2"))))
                .isInstanceOf(SmsException.class);
        assertThat(jdbc.queryForObject("select count(*) from sms_message", Integer.class))
                .isZero();
    }
}
