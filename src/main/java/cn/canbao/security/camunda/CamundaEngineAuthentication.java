package cn.canbao.security.camunda;

import cn.canbao.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;

/**
 * Tells Camunda's REST API and webapps who Spring Security logged in, with the user's groups, so
 * the engine's authorizations (task candidate groups, admin grants) apply to every call.
 * Instantiated by Camunda's filters by class name, hence public with a no-argument constructor.
 */
public class CamundaEngineAuthentication implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        return CurrentUser.get()
                .filter(user -> !user.regionRevoked() && user.isEnabled())
                .map(user -> {
                    AuthenticationResult result = AuthenticationResult.successful(user.getUsername());
                    result.setGroups(user.camundaGroups());
                    result.setTenants(List.of());
                    return result;
                })
                .orElseGet(AuthenticationResult::unsuccessful);
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Canbao\"");
    }
}
