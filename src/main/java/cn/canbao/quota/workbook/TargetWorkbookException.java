package cn.canbao.quota.workbook;

import cn.canbao.base.DomainException;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * An uploaded target table that cannot be taken over: lists every problem found, each with its own
 * message key, so the leader can fix the whole file at once instead of one error per upload.
 */
public class TargetWorkbookException extends DomainException {

    public static final String INVALID = "targets.workbook.invalid";
    public static final String NOT_XLSX = "targets.workbook.notXlsx";
    public static final String NO_HEADER = "targets.workbook.noHeader";
    public static final String UNKNOWN_REGION = "targets.workbook.unknownRegion";
    public static final String DUPLICATE_REGION = "targets.workbook.duplicateRegion";
    public static final String MISSING_REGION = "targets.workbook.missingRegion";
    public static final String BLANK_TARGET = "targets.workbook.blankTarget";
    public static final String BAD_TARGET = "targets.workbook.badTarget";
    public static final String NOTE_TOO_LONG = "targets.workbook.noteTooLong";

    private final transient List<Problem> problems;

    TargetWorkbookException(List<Problem> problems) {
        // The details argument is a key rendering for logs; views translate each problem with describe().
        super(INVALID, problems.size(), join(problems, (key, args) -> key + Arrays.toString(args)));
        this.problems = List.copyOf(problems);
    }

    static TargetWorkbookException of(String messageKey) {
        return new TargetWorkbookException(List.of(new Problem(Problem.WHOLE_FILE, messageKey)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The problems in the user's language, one a line, e.g. with a view's {@code this::getTranslation}. */
    public String describe(BiFunction<String, Object[], String> translate) {
        return join(problems, translate);
    }

    /** The whole refusal in the user's language: the count and every problem. */
    public String render(BiFunction<String, Object[], String> translate) {
        return translate.apply(INVALID, new Object[] {problems.size(), describe(translate)});
    }

    private static String join(List<Problem> problems, BiFunction<String, Object[], String> translate) {
        return problems.stream()
                .map(p -> translate.apply(p.messageKey(), p.args()))
                .collect(Collectors.joining("\n"));
    }

    /**
     * One defect of the file. {@code excelRow} is the row number as Excel shows it (1-based), or
     * {@link #WHOLE_FILE} for problems of the file as a whole (not a workbook, no header, a missing region).
     */
    public record Problem(int excelRow, String messageKey, Object... args) {

        public static final int WHOLE_FILE = 0;

        public Problem {
            args = args.clone();
        }

        @Override
        public Object[] args() {
            return args.clone();
        }

        // Records compare arrays by identity; problems are compared by what they say.
        @Override
        public boolean equals(Object o) {
            return o instanceof Problem p
                    && excelRow == p.excelRow
                    && messageKey.equals(p.messageKey)
                    && Arrays.equals(args, p.args);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * excelRow + messageKey.hashCode()) + Arrays.hashCode(args);
        }

        @Override
        public String toString() {
            return "row " + excelRow + ": " + messageKey + Arrays.toString(args);
        }
    }
}
