package cn.canbao.region;

import cn.canbao.base.Texts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A region list in CSV (UTF-8, header line): {@code code,name,level,parent_code,grid_kind,sector,
 * household_population}. Parents come before their children; the last three columns may be empty.
 * Used to set up a real county or province where the demo county does not apply.
 */
public final class RegionFile {

    public static final String HEADER = "code,name,level,parent_code,grid_kind,sector,household_population";

    private RegionFile() {}

    /** Parses the whole list or fails on the first bad line, naming it: nothing is half-loaded. */
    public static List<NewRegion> read(Reader in) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        String header = lines.readLine();
        if (header == null || !header.replace("\uFEFF", "").trim().equalsIgnoreCase(HEADER)) {
            throw new RegionException("region.error.fileHeader", HEADER);
        }
        List<NewRegion> regions = new ArrayList<>();
        String line;
        int number = 1;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            regions.add(parse(line, number));
        }
        return regions;
    }

    private static NewRegion parse(String line, int number) {
        String[] f = line.split(",", -1);
        if (f.length != 7) {
            throw new RegionException("region.error.fileLine", number, line);
        }
        try {
            String code = f[0].trim();
            RegionLevel level = RegionLevel.valueOf(f[2].trim().toUpperCase(Locale.ROOT));
            String parent = Texts.trimToNull(f[3]);
            GridKind kind = Texts.trimToNull(f[4]) == null
                    ? null
                    : GridKind.valueOf(f[4].trim().toUpperCase(Locale.ROOT));
            Sector sector = Texts.trimToNull(f[5]) == null
                    ? null
                    : Sector.valueOf(f[5].trim().toUpperCase(Locale.ROOT));
            Integer population = Texts.trimToNull(f[6]) == null ? null : Integer.valueOf(f[6].trim());
            return new NewRegion(code, f[1].trim(), level, parent, kind, sector, population, false);
        } catch (IllegalArgumentException e) {
            throw new RegionException("region.error.fileLine", number, line);
        }
    }
}
