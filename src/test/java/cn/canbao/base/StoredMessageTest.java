package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A message stored for later reads back as its key and arguments; any other text is data, shown as it is. */
class StoredMessageTest {

    @Test
    void aStoredMessageReadsBackAsKeyAndArguments() {
        String stored = StoredMessage.of("outreach.task.household", "李*", 3, "桃城村");
        StoredMessage m = StoredMessage.parse(stored).orElseThrow();
        assertThat(m.messageKey()).isEqualTo("outreach.task.household");
        assertThat(m.args()).containsExactly("李*", "3", "桃城村");
        assertThat(StoredMessage.parse(StoredMessage.of("outreach.tally.tier.default1"))
                        .orElseThrow()
                        .args())
                .isEmpty();
        assertThat(StoredMessage.parse(StoredMessage.of("x", "")).orElseThrow().args())
                .containsExactly("");
    }

    @Test
    void textWithoutThePrefixIsData() {
        assertThat(StoredMessage.parse("迁出/搬离")).isEmpty();
        assertThat(StoredMessage.parse("李*等3人 · 桃城村")).isEmpty();
        assertThat(StoredMessage.parse(null)).isEmpty();
    }
}
