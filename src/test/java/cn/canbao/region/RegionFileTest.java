package cn.canbao.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class RegionFileTest {

    @Test
    void readsRegionsAndGridsWithABomAndBlankLines() throws Exception {
        var list = RegionFile.read(new StringReader("\uFEFF" + RegionFile.HEADER + "\n"
                + "350525101001,福兴社区,village,350525101000,,,2629\n\n"
                + "350525101001002,教育网格,GRID,350525101001,industry,education,\n"));
        assertThat(list).hasSize(2);
        assertThat(list.get(0))
                .isEqualTo(NewRegion.region("350525101001", "福兴社区", RegionLevel.VILLAGE, "350525101000", 2629, false));
        assertThat(list.get(1).gridKind()).isEqualTo(GridKind.INDUSTRY);
        assertThat(list.get(1).sector()).isEqualTo(Sector.EDUCATION);
        assertThat(list.get(1).householdPopulation()).isNull();
    }

    @Test
    void refusesAWrongHeaderAndNamesTheBadLine() {
        assertThatThrownBy(() -> RegionFile.read(new StringReader("code,name\n1,2\n")))
                .isInstanceOfSatisfying(
                        RegionException.class, e -> assertThat(e.messageKey()).isEqualTo("region.error.fileHeader"));
        assertThatThrownBy(() -> RegionFile.read(
                        new StringReader(RegionFile.HEADER + "\n" + "350525101001,福兴社区,HAMLET,350525101000,,,\n")))
                .isInstanceOfSatisfying(
                        RegionException.class, e -> assertThat(e.args()).contains(2));
        assertThatThrownBy(() -> RegionFile.read(new StringReader(RegionFile.HEADER + "\n350525101001,福兴社区\n")))
                .isInstanceOfSatisfying(
                        RegionException.class, e -> assertThat(e.args()).contains(2));
    }
}
