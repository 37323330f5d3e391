package cn.canbao.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.demo.YongchunSeed;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * Service methods still check their caller, without a Micrometer observation around every check (SecurityConfiguration:
 * it cost 4 % of an outreach start's CPU).
 */
@CanbaoIntegrationTest
class AuthorizationObservationsIT extends IntegrationTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void guardedCallsAreCheckedButNotTimed() {
        List<?> names = security.actingAt(
                YongchunSeed.COUNTY_CODE,
                Role.COUNTY_LEADER,
                () -> List.copyOf(
                        regions.names(List.of(YongchunSeed.COUNTY_CODE)).values()));
        assertThat(names).hasSize(1);
        // still checked: nobody signed in is refused
        assertThatThrownBy(() -> regions.names(List.of(YongchunSeed.COUNTY_CODE)))
                .isInstanceOfAny(AccessDeniedException.class, AuthenticationCredentialsNotFoundException.class);
        assertThat(meters.find("spring.security.authorizations").meters()).isEmpty();
        assertThat(meters.find("spring.security.authorizations.active").meters())
                .isEmpty();
    }
}
