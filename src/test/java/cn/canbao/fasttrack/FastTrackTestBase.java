package cn.canbao.fasttrack;

import static cn.canbao.fasttrack.FastTrackTestCounty.COUNTY;

import cn.canbao.ProcessTestBase;
import cn.canbao.security.AsSystem;
import cn.canbao.security.Role;
import java.time.LocalDate;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A fast-track test: the fast-track county (no campaigns, so the enrolment year is the calendar year), imports into
 * it, and the services called as the system between the steps users take.
 */
@AsSystem
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FastTrackTestBase extends ProcessTestBase {

    @Autowired
    protected FastTrackTestCounty county;

    @Autowired
    protected FastTrackService tracks;

    /** The engine's day when the class started, and its year. */
    protected LocalDate today;

    protected int year;

    /** Ensures the county, its clerk and a grid worker of that grid, and reads the day. */
    protected void countyWithUsers(String clerk, String gridWorker, String grid) {
        county.ensure();
        security.ensureUser(clerk, COUNTY, Role.CLERK);
        security.ensureUser(gridWorker, grid, Role.GRID_WORKER);
        today = today();
        year = today.getYear();
    }
}
