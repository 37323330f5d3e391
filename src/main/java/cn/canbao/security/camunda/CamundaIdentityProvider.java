package cn.canbao.security.camunda;

import cn.canbao.security.CanbaoUser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityProviderException;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Camunda's view of Canbao's users and groups, read-only, straight from our tables: users are our
 * users; groups are derived from roles and regions (see {@link CanbaoUser#camundaGroups()}).
 * A caller authenticated in the engine (REST, webapps) sees only users and region groups of their
 * own subtree, as everywhere else in Canbao. Passwords are never checked here: login is Spring
 * Security's, and the webapps trust it.
 */
class CamundaIdentityProvider implements ReadOnlyIdentityProvider {

    private final CamundaDirectory directory;

    CamundaIdentityProvider(CamundaDirectory directory) {
        this.directory = directory;
    }

    @Override
    public User findUserById(String userId) {
        return directory.user(userId).map(CamundaIdentityProvider::toUser).orElse(null);
    }

    @Override
    public UserQuery createUserQuery() {
        return new Users(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public UserQueryImpl createUserQuery(CommandContext commandContext) {
        return new Users();
    }

    @Override
    public NativeUserQuery createNativeUserQuery() {
        throw new IdentityProviderException("Native user queries are not available: Canbao's users live in "
                + "its own tables; use the user query instead.");
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        return false; // Spring Security checks passwords; Camunda's own login form is not used
    }

    @Override
    public Group findGroupById(String groupId) {
        return directory.group(groupId).map(CamundaIdentityProvider::toGroup).orElse(null);
    }

    @Override
    public GroupQuery createGroupQuery() {
        return new Groups(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public GroupQuery createGroupQuery(CommandContext commandContext) {
        return new Groups();
    }

    @Override
    public Tenant findTenantById(String tenantId) {
        return null; // one engine per deployment, no tenants
    }

    @Override
    public TenantQuery createTenantQuery() {
        return new CamundaNoTenants(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public TenantQuery createTenantQuery(CommandContext commandContext) {
        return new CamundaNoTenants();
    }

    @Override
    public void flush() {
        // read-only: nothing to write
    }

    @Override
    public void close() {
        // connections are borrowed per call from the pool
    }

    List<User> findUsers(Users query, Page page) {
        List<CamundaDirectory.DirectoryUser> candidates = query.getId() != null || query.getIds() != null
                ? directory.users(query.getId() != null ? List.of(query.getId()) : Arrays.asList(query.getIds()))
                : query.getGroupId() != null ? directory.members(query.getGroupId()) : directory.allUsers();
        String scope = callerScopePath();
        Predicate<CamundaDirectory.DirectoryUser> visible = u -> scope == null || u.inSubtree(scope);
        List<User> users = candidates.stream()
                .filter(visible)
                .filter(u -> query.getGroupId() == null || u.groups().contains(query.getGroupId()))
                .filter(u -> matches(u.displayName(), query.getFirstName(), query.getFirstNameLike()))
                .filter(u -> matches(u.regionName(), query.getLastName(), query.getLastNameLike()))
                .filter(u -> query.getEmail() == null && query.getEmailLike() == null)
                .filter(u -> query.getTenantId() == null)
                .sorted(Comparator.comparing(CamundaDirectory.DirectoryUser::username))
                .map(CamundaIdentityProvider::toUser)
                .toList();
        return page(users, page);
    }

    List<Group> findGroups(Groups query, Page page) {
        List<CamundaDirectory.DirectoryGroup> candidates = query.getId() != null
                ? directory.group(query.getId()).stream().toList()
                : query.getUserId() != null ? directory.groupsOf(query.getUserId()) : directory.allGroups();
        String scope = callerScopePath();
        Map<String, Group> groups = new LinkedHashMap<>();
        candidates.stream()
                .filter(g -> scope == null || g.regionPath() == null || g.inSubtree(scope))
                .filter(g ->
                        query.getIds() == null || Arrays.asList(query.getIds()).contains(g.id()))
                .filter(g -> matches(g.name(), query.getName(), query.getNameLike()))
                .filter(g -> query.getType() == null || query.getType().equals(g.type()))
                .filter(g -> query.getTenantId() == null)
                .sorted(Comparator.comparing(CamundaDirectory.DirectoryGroup::id))
                .forEach(g -> groups.putIfAbsent(g.id(), toGroup(g)));
        return page(new ArrayList<>(groups.values()), page);
    }

    /** The subtree path of the user authenticated in the engine, or null when none (internal calls). */
    private String callerScopePath() {
        CommandContext context = Context.getCommandContext();
        Authentication auth = context == null ? null : context.getAuthentication();
        if (auth == null || auth.getUserId() == null) {
            return null;
        }
        return directory
                .user(auth.getUserId())
                .map(CamundaDirectory.DirectoryUser::regionPath)
                .orElse("-");
    }

    /** Camunda's "like" uses % wildcards. */
    private static boolean matches(String value, String equals, String like) {
        if (equals != null && !equals.equals(value)) {
            return false;
        }
        if (like == null) {
            return true;
        }
        String regex = Arrays.stream(like.split("%", -1))
                .map(java.util.regex.Pattern::quote)
                .reduce((a, b) -> a + ".*" + b)
                .orElse("");
        return value != null && value.matches(regex);
    }

    private static <T> List<T> page(List<T> all, Page page) {
        if (page == null) {
            return all;
        }
        int from = Math.min(page.getFirstResult(), all.size());
        int to = (int) Math.min((long) from + page.getMaxResults(), all.size());
        return all.subList(from, to);
    }

    private static User toUser(CamundaDirectory.DirectoryUser u) {
        UserEntity user = new UserEntity(u.username());
        user.setFirstName(u.displayName());
        user.setLastName(u.regionName());
        return user;
    }

    private static Group toGroup(CamundaDirectory.DirectoryGroup g) {
        GroupEntity group = new GroupEntity(g.id());
        group.setName(g.name());
        group.setType(g.type());
        return group;
    }

    private static CamundaIdentityProvider of(CommandContext context) {
        return (CamundaIdentityProvider) Objects.requireNonNull(context.getReadOnlyIdentityProvider());
    }

    /** User query executed against our tables. */
    static final class Users extends UserQueryImpl {
        Users() {}

        Users(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext context) {
            return of(context).findUsers(this, null).size();
        }

        @Override
        public List<User> executeList(CommandContext context, Page page) {
            return of(context).findUsers(this, page);
        }
    }

    /** Group query executed against our tables. */
    static final class Groups extends org.camunda.bpm.engine.impl.GroupQueryImpl {
        Groups() {}

        Groups(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext context) {
            return of(context).findGroups(this, null).size();
        }

        @Override
        public List<Group> executeList(CommandContext context, Page page) {
            return of(context).findGroups(this, page);
        }
    }
}
