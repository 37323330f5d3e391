package cn.canbao.security;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** The caller's region scope: the logged-in user's subtree, everything for system work, else refused. */
@Component
class SecurityRegionScope implements CurrentRegionScope {

    @Override
    public RegionScope get() {
        if (CurrentUser.isSystem()) {
            return RegionScope.everything();
        }
        return CurrentUser.get()
                .map(CanbaoUser::scope)
                .orElseThrow(() -> new AccessDeniedException("no logged-in user"));
    }
}
