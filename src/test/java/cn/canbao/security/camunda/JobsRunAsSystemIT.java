package cn.canbao.security.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.SystemAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;

/** What Camunda's job executor runs (timers, asynchronous steps) runs as the system, never as nobody. */
@CanbaoIntegrationTest
class JobsRunAsSystemIT {

    @Autowired
    @Qualifier(JobsRunAsSystem.CAMUNDA_TASK_EXECUTOR)
    TaskExecutor jobPool;

    @Test
    void aJobOnTheExecutorsPoolIsTheSystems() throws Exception {
        CompletableFuture<String> who = new CompletableFuture<>();
        jobPool.execute(() -> who.complete(CurrentUser.isSystem() ? CurrentUser.name() : "nobody"));
        assertThat(who.get(30, TimeUnit.SECONDS)).isEqualTo(SystemAccess.SYSTEM);
        // and the pool's thread does not keep the identity for whatever it runs next
        CompletableFuture<Boolean> after = new CompletableFuture<>();
        jobPool.execute(() -> after.complete(CurrentUser.isSystem()));
        assertThat(after.get(30, TimeUnit.SECONDS)).isTrue();
    }
}
