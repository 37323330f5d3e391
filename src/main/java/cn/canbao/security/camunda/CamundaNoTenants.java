package cn.canbao.security.camunda;

import java.util.List;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/** Canbao runs one engine per deployment without Camunda tenants: every tenant query is empty. */
final class CamundaNoTenants extends TenantQueryImpl {

    CamundaNoTenants() {}

    CamundaNoTenants(CommandExecutor executor) {
        super(executor);
    }

    @Override
    public long executeCount(CommandContext context) {
        return 0;
    }

    @Override
    public List<Tenant> executeList(CommandContext context, Page page) {
        return List.of();
    }
}
