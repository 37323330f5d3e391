package cn.canbao.register.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdNumberTest {

    @Test
    void aValidNumberGivesBirthDateSexAndMask() {
        IdNumber id = IdNumber.of("11010519491231002X");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo(IdNumber.Sex.FEMALE);
        assertThat(id.issuingRegion()).isEqualTo("110105");
        assertThat(id.masked()).isEqualTo("1101**********002X");
        assertThat(id.toString()).doesNotContain("19491231");
        String male = "35052520100101001";
        assertThat(IdNumber.of(male + IdNumber.checkCharacter(male)).sex()).isEqualTo(IdNumber.Sex.MALE);
    }

    @Test
    void lowerCaseXAndSpacesAreAccepted() {
        assertThat(IdNumber.of(" 11010519491231002x ").value()).isEqualTo("11010519491231002X");
    }

    @Test
    void eachDefectHasItsReason() {
        assertThat(IdNumber.problemOf("110105194912310021")).contains(IdNumber.Problem.CHECK_DIGIT);
        assertThat(IdNumber.problemOf("110105491231002")).contains(IdNumber.Problem.OLD_15_DIGITS);
        assertThat(IdNumber.problemOf("1101051949123100")).contains(IdNumber.Problem.LENGTH);
        assertThat(IdNumber.problemOf("11010519491231A02X")).contains(IdNumber.Problem.CHARACTERS);
        assertThat(IdNumber.problemOf("110105194902300021")).contains(IdNumber.Problem.BIRTH_DATE);
        assertThat(IdNumber.problemOf("")).contains(IdNumber.Problem.EMPTY);
        assertThat(IdNumber.problemOf(null)).contains(IdNumber.Problem.EMPTY);
        // full-width digits (and letters) as an input method types them: Character.isDigit accepts them, the register
        // not
        assertThat(IdNumber.problemOf("１１０１０５１９４９１２３１００２X")).contains(IdNumber.Problem.NON_ASCII_DIGITS);
        assertThat(IdNumber.problemOf("11010519491231002Ｘ")).contains(IdNumber.Problem.NON_ASCII_DIGITS);
        assertThat(IdNumber.problemOf("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X")).contains(IdNumber.Problem.NON_ASCII_DIGITS);
        assertThatThrownBy(() -> IdNumber.of("110105194912310021")).hasMessageContaining("register.id.CHECK_DIGIT");
    }

    /** A value has no clock: whether a birth date lies in the future is checked against the caller's today. */
    @Test
    void aBirthDateAfterTomorrowIsImplausibleOnTheCallersDay() {
        String first17 = "35052520261104002";
        String born = first17 + IdNumber.checkCharacter(first17); // born 2026-11-04
        assertThat(IdNumber.problemOf(born)).isEmpty();
        assertThat(IdNumber.problemOf(born, LocalDate.of(2026, 11, 3))).isEmpty();
        assertThat(IdNumber.problemOf(born, LocalDate.of(2026, 11, 2))).contains(IdNumber.Problem.BIRTH_DATE);
        assertThat(IdNumber.problemOf("110105194912310021", LocalDate.of(2026, 11, 2)))
                .contains(IdNumber.Problem.CHECK_DIGIT);
    }

    @Test
    void mobileNumbersAreElevenDigitsFrom13To19() {
        assertThat(MobileNumber.normalise("13905951234")).contains("13905951234");
        assertThat(MobileNumber.normalise("+86 139-0595-1234")).contains("13905951234");
        assertThat(MobileNumber.normalise("19912345678")).contains("19912345678");
        assertThat(MobileNumber.isValid("12905951234")).isFalse();
        assertThat(MobileNumber.isValid("1390595123")).isFalse();
        assertThat(MobileNumber.isValid("0595-2388123")).isFalse();
        assertThat(MobileNumber.isValid(null)).isFalse();
        assertThat(MobileNumber.mask("13905951234")).isEqualTo("139****1234");
    }
}
