package cn.canbao.register.imports;

import cn.canbao.register.RegisterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps a layout's columns onto a file's header (issue 17, point 1): a column the clerk mapped takes that header (or
 * none, when they chose to ignore it); the others are matched automatically — the layout's own name or key (100),
 * a known synonym (90, {@link HeaderSynonyms}), a header that contains the name or a synonym of three characters or
 * more, or is contained in it (60) — best scores first, each header used once. A required column left without a
 * header refuses the file before anything is written, naming the columns in Chinese.
 */
public final class HeaderMatcher {

    public static final int EXACT = 100;
    public static final int SYNONYM = 90;
    public static final int PARTIAL = 60;

    private static final Pattern NOTE = Pattern.compile("[（(\\[【][^）)\\]】]*[）)\\]】]");
    private static final Pattern NOISE = Pattern.compile("[\\s\\u3000*＊:：]");

    private HeaderMatcher() {}

    /** A column and the header it reads: its index in the header (-1: none) and how sure the match is (0–100). */
    public record Match(String key, String chinese, boolean required, int index, String header, int confidence) {}

    /** The header as matching sees it: no BOM, spaces, '*' marks or bracketed notes; lower case. */
    static String normalise(String header) {
        String h = header == null ? "" : header.replace("\uFEFF", "");
        String stripped = NOISE.matcher(NOTE.matcher(h).replaceAll("")).replaceAll("");
        // a header that is nothing but a note keeps its text
        return (stripped.isEmpty() ? NOISE.matcher(h).replaceAll("") : stripped).toLowerCase(Locale.ROOT);
    }

    /** Every column of the layout with the header it reads (index -1 when none), in the layout's order. */
    public static List<Match> match(List<Column> columns, List<String> header, ColumnMapping mapping) {
        List<String> names = header.stream().map(HeaderMatcher::normalise).toList();
        Match[] result = new Match[columns.size()];
        boolean[] used = new boolean[header.size()];
        // the clerk's choices first
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            String chosen = mapping == null ? null : mapping.headerFor(col.key(), col.chinese());
            if (chosen == null) {
                continue;
            }
            if (chosen.isEmpty()) {
                result[c] = new Match(col.key(), col.chinese(), col.required(), -1, null, EXACT);
                continue;
            }
            int at = header.indexOf(chosen);
            if (at < 0) {
                at = names.indexOf(normalise(chosen));
            }
            if (at < 0) {
                throw new RegisterException("register.import.mappedHeaderMissing", col.chinese(), chosen);
            }
            used[at] = true;
            result[c] = new Match(col.key(), col.chinese(), col.required(), at, header.get(at), EXACT);
        }
        // then every (column, header) pair by score, best first
        record Candidate(int column, int index, int score) {}
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (result[c] != null) {
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                int score = score(columns.get(c), names.get(i));
                if (score > 0 && !used[i]) {
                    candidates.add(new Candidate(c, i, score));
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::score)
                .reversed()
                .thenComparingInt(Candidate::column)
                .thenComparingInt(Candidate::index));
        for (Candidate k : candidates) {
            if (result[k.column()] == null && !used[k.index()]) {
                used[k.index()] = true;
                Column col = columns.get(k.column());
                result[k.column()] = new Match(
                        col.key(), col.chinese(), col.required(), k.index(), header.get(k.index()), k.score());
            }
        }
        List<Match> matches = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            matches.add(
                    result[c] != null ? result[c] : new Match(col.key(), col.chinese(), col.required(), -1, null, 0));
        }
        return matches;
    }

    /** The required columns without a header, as the refusal names them: 身份证号(id_number)、姓名(name). */
    public static List<String> missing(List<Match> matches) {
        return matches.stream()
                .filter(m -> m.required() && m.index() < 0)
                .map(m -> m.chinese() + "(" + m.key() + ")")
                .toList();
    }

    /** The positions of the columns in the header, refusing the file when a required column has none. */
    static int[] positions(List<Column> columns, List<String> header, ColumnMapping mapping) {
        List<Match> matches = match(columns, header, mapping);
        List<String> missing = missing(matches);
        if (!missing.isEmpty()) {
            throw new RegisterException("register.import.missingColumns", String.join("、", missing));
        }
        return matches.stream().mapToInt(Match::index).toArray();
    }

    private static int score(Column column, String name) {
        if (name.isEmpty()) {
            return 0;
        }
        String chinese = normalise(column.chinese());
        if (name.equals(chinese) || name.equals(column.key().toLowerCase(Locale.ROOT))) {
            return EXACT;
        }
        List<String> synonyms = HeaderSynonyms.of(column.chinese()).stream()
                .map(HeaderMatcher::normalise)
                .toList();
        if (synonyms.contains(name)) {
            return SYNONYM;
        }
        List<String> partial =
                new ArrayList<>(synonyms.stream().filter(s -> s.length() >= 3).toList());
        partial.add(chinese);
        for (String s : partial) {
            if (name.length() >= 2 && (name.contains(s) || s.contains(name) && name.length() >= 3)) {
                return PARTIAL;
            }
        }
        return 0;
    }
}
