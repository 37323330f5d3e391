package cn.canbao.setup;

import cn.canbao.region.RegionFile;
import cn.canbao.region.RegionService;
import cn.canbao.security.NewUser;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserService;
import java.io.IOException;
import java.io.Reader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets up a deployment from its configuration: the region list ({@code canbao.setup.regions-file})
 * and the first administrator ({@code canbao.setup.admin-username}, {@code admin-password},
 * {@code admin-region}). Both steps may run on every start: existing regions and users are left alone.
 */
// start-up work of a deployment (SetupOnStart): the system's only
@PreAuthorize("hasRole('SYSTEM')")
@Service
public class DeploymentSetup {

    private static final Logger log = LoggerFactory.getLogger(DeploymentSetup.class);

    private final RegionService regions;
    private final UserService users;

    DeploymentSetup(RegionService regions, UserService users) {
        this.regions = regions;
        this.users = users;
    }

    /** Loads the regions of the file that are not there yet; returns how many were added. */
    @Transactional
    public int loadRegions(Reader file) throws IOException {
        var list = RegionFile.read(file);
        int added = SystemAccess.call(() -> regions.createMissing(list));
        log.info("Region list: {} regions read, {} added", list.size(), added);
        return added;
    }

    /** Creates the administrator unless a user of that name exists; returns whether it was created. */
    @Transactional
    public boolean ensureAdministrator(String username, String password, String regionCode) {
        return SystemAccess.call(() -> {
            if (users.exists(username)) {
                return false;
            }
            users.create(new NewUser(username, "系统管理员", regionCode, Set.of(Role.ADMIN), null, password));
            log.info("First administrator {} created at region {}", username, regionCode);
            return true;
        });
    }
}
