package cn.canbao.fasttrack;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.demo.YongchunSeed;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which of an outreach start's residents are in a live fast track: the live ones only, of the asker's subtree only,
 * for as many residents as a county's start lists (34,000) among thousands of tracks.
 */
@CanbaoIntegrationTest
class LiveTracksIT extends IntegrationTestBase {

    @Autowired
    TransactionTemplate tx;

    @Autowired
    FastTrackService tracks;

    @Test
    void theLiveTracksOfTheAskersSubtreeNameTheirResidentsAndNoOthers() {
        List<Set<String>> found = tx.execute(s -> {
            // the tracks of this test only, in this transaction only (rolled back): no other test's live tracks have
            // these ID numbers. Not a temporary table of the same name in front of fast_track: on a pooled connection
            // that already had a temporary schema and had run the service's query five times (so the driver had
            // prepared it on the server), the cached plan still read the real table (random order, seed 1796618084767)
            s.setRollbackOnly();
            // 6,000 tracks: every third live; the even ones in the county, the odd ones in another
            jdbc.update(
                    "insert into fast_track (kind, id_number, year, candidate_group, region_code, ended_at, ended_by) "
                            + "select case when i % 2 = 0 then 'NEWBORN' else 'HARDSHIP' end, lpad(i::text, 17, '0') || 'X', "
                            + "2023, 'g', case when i % 2 = 0 then ? else ? end, case when i % 3 = 0 then null else now() end, "
                            + "case when i % 3 = 0 then null else 'IMPORT' end from generate_series(1, 6000) i",
                    YongchunSeed.COUNTY_CODE, "350583000000");
            List<String> residents = IntStream.range(0, 34_000)
                    .map(i -> 3_000 + i)
                    .mapToObj(LiveTracksIT::id)
                    .toList();
            Set<String> ofTheProvince = SystemAccess.call(() -> tracks.inLiveTrack(residents));
            Set<String> ofTheCounty = security.actingAt(
                    YongchunSeed.COUNTY_CODE, Role.COUNTY_LEADER, () -> tracks.inLiveTrack(residents));
            return List.of(ofTheProvince, ofTheCounty);
        });
        // residents 3,000 … 36,999 meet the tracks 3,000 … 6,000: live where divisible by 3, in the county where even
        assertThat(found.get(0))
                .hasSize(1001)
                .contains(id(3_000), id(3_003), id(6_000))
                .doesNotContain(id(3_001), id(2_997));
        assertThat(found.get(1)).hasSize(501).contains(id(3_000), id(6_000)).doesNotContain(id(3_003));
    }

    /** The n-th test ID number (not a valid check digit: the table does not check it). */
    private static String id(int n) {
        return String.format("%017dX", n);
    }
}
