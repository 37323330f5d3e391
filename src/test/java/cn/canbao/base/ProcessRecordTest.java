package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A process's record comes from its business key; a variable naming another record is a refusal. */
class ProcessRecordTest {

    @Test
    void theBusinessKeyNamesTheRecord() {
        assertThat(ProcessRecord.id("42")).isEqualTo(42L);
        assertThatThrownBy(() -> ProcessRecord.id("campaign-7"))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).messageKey())
                .isEqualTo("process.error.noRecord");
        assertThatThrownBy(() -> ProcessRecord.id((String) null)).isInstanceOf(DomainException.class);
    }

    @Test
    void aVariableThatAgreesOrIsAbsentPassesOneThatDisagreesIsRefused() {
        assertThatCode(() -> ProcessRecord.requireSame(null, "42")).doesNotThrowAnyException();
        assertThatCode(() -> ProcessRecord.requireSame(42L, "42")).doesNotThrowAnyException();
        assertThatCode(() -> ProcessRecord.requireSame(42, "42")).doesNotThrowAnyException();
        assertThatCode(() -> ProcessRecord.requireSame(" 350525101000 ", "350525101000"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ProcessRecord.requireSame(43L, "42"))
                .isInstanceOf(ProcessRecord.ProcessTampered.class)
                .extracting(e -> ((DomainException) e).messageKey())
                .isEqualTo("process.error.tampered");
        assertThatThrownBy(() -> ProcessRecord.requireSame("350525102000", "350525101000"))
                .isInstanceOf(ProcessRecord.ProcessTampered.class);
    }
}
