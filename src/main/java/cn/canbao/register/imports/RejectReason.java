package cn.canbao.register.imports;

import cn.canbao.register.person.IdNumber;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why an import did not apply a row (docs/extract-layouts.md, "What is normalised, what is rejected"). Each
 * reason has its own message (Chinese first) whose first arguments are, where the reason is about one cell, the
 * column's header and the value, so a reject names where it is wrong. The message key is what
 * {@code import_reject.reason_key} stores; keys of reasons that existed before this enum are kept, so old rejects
 * read as they did.
 */
public enum RejectReason {

    // the row as a whole
    BROKEN_QUOTING("extract.row.brokenQuoting"),
    REQUIRED("register.reject.required"),
    TOO_LONG("register.reject.tooLong"),
    NON_ASCII_DIGITS("register.reject.nonAsciiDigits"),
    DATE_INVALID("register.reject.date"),
    DATE_ORDER("register.reject.dateOrder"),
    YEAR_INVALID("register.reject.year"),
    AMOUNT_INVALID("register.reject.amount"),
    CODE_UNKNOWN("register.reject.code"),

    // ID numbers (any column holding one), and what the 18 digits say against the other columns
    ID_OLD_15_DIGITS("register.reject.id.old15Digits"),
    ID_LENGTH("register.reject.id.length"),
    ID_CHARACTERS("register.reject.id.characters"),
    ID_BIRTH_DATE("register.reject.id.birthDate"),
    ID_CHECK_CHARACTER("register.reject.id.checkCharacter"),
    SEX_UNREADABLE("register.reject.sexUnreadable"),
    SEX_MISMATCH("register.reject.sexMismatch"),
    BIRTH_DATE_MISMATCH("register.reject.birthDateMismatch"),

    // phones and places
    MOBILE_INVALID("register.reject.mobile"),
    REGION_CODE_FORMAT("register.reject.regionCode"),
    UNKNOWN_HOUSEHOLD_REGION("register.reject.unknownHouseholdRegion"),
    UNKNOWN_RESIDENCE_REGION("register.reject.unknownResidenceRegion"),
    UNKNOWN_GRID("register.reject.unknownGrid"),
    GRID_NOT_IN_RESIDENCE("register.reject.gridNotInResidence"),
    HOUSEHOLD_NUMBER("register.reject.householdNumber"),

    // births
    CERTIFICATE_NUMBER("register.reject.certificate"),
    MOTHER_ID_MISSING("register.reject.motherIdMissing"),
    MOTHER_ID_INVALID("register.reject.motherIdInvalid"),
    MOTHER_ID_NOT_MOTHER("register.reject.motherIdNotMother"),
    PARENT_ID_INVALID("register.reject.parentIdInvalid"),
    FATHER_ID_NOT_FATHER("register.reject.fatherIdNotFather"),
    BIRTH_PLACE_UNKNOWN("register.reject.birthPlaceUnknown"),
    CERTIFICATE_REGISTERED("register.reject.certificateRegistered"),

    // the register and the importer's region
    UNKNOWN_PERSON("register.reject.unknownPerson"),
    OUT_OF_SCOPE("register.reject.outOfScope"),
    PERSON_OUT_OF_SCOPE("register.reject.personOutOfScope"),
    PERSON_OUT_OF_SCOPE_BOTH("register.reject.personOutOfScopeBoth"),
    TRANSFER_PENDING("register.reject.transferPending"),
    TRANSFER_REJECTED("register.reject.transferRejected"),
    RECEIPT_OF_OTHER("register.reject.receiptOfOther"),

    // rows repeating others of the same file
    /** The same row again (every value equal): the first is taken, the repeat changes nothing. */
    DUPLICATE_EXACT("register.reject.duplicateExact", Count.DUPLICATE),
    /** Another row with the same key but other values: the later row is taken, this one reported. */
    DUPLICATE_ROW("register.reject.duplicateRow"),
    /** One ID number under different names or birth dates: none of its rows applied, held for a clerk. */
    CONFLICT_HELD("register.reject.conflictHeld", Count.HELD);

    /** Which count of the import a row with this reason adds to. */
    public enum Count {
        REJECTED,
        DUPLICATE,
        HELD
    }

    private static final Map<String, RejectReason> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RejectReason::messageKey, Function.identity()));

    private final String messageKey;
    private final Count count;

    RejectReason(String messageKey) {
        this(messageKey, Count.REJECTED);
    }

    RejectReason(String messageKey, Count count) {
        this.messageKey = messageKey;
        this.count = count;
    }

    public String messageKey() {
        return messageKey;
    }

    public Count count() {
        return count;
    }

    /** The reason stored under that message key; empty for keys of older imports no longer given. */
    public static Optional<RejectReason> ofMessageKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The reason for a problem of an ID number that is not empty. */
    public static RejectReason of(IdNumber.Problem problem) {
        return switch (problem) {
            case EMPTY -> REQUIRED;
            case NON_ASCII_DIGITS -> NON_ASCII_DIGITS;
            case OLD_15_DIGITS -> ID_OLD_15_DIGITS;
            case LENGTH -> ID_LENGTH;
            case CHARACTERS -> ID_CHARACTERS;
            case BIRTH_DATE -> ID_BIRTH_DATE;
            case CHECK_DIGIT -> ID_CHECK_CHARACTER;
        };
    }
}
