package cn.canbao.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.notify.jobs.NewTaskNotices;
import cn.canbao.security.Role;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many new tasks for a grid's workers (offered to their group {@code grid-worker:<grid>}) become one message per worker
 * within the hour, with their number; the tasks of the next hour one more.
 */
@CanbaoIntegrationTest
class NewTaskBatchingIT extends NotifyTestBase {

    @Autowired
    TaskService tasks;

    @Autowired
    NewTaskNotices newTasks;

    @AfterEach
    void removeTasks() {
        jdbc.update("update act_ru_task set task_def_key_ = null where name_ like 'notify-batch-%'");
        tasks.createTaskQuery().taskNameLike("notify-batch-%").list().forEach(t -> tasks.deleteTask(t.getId(), true));
    }

    @Test
    void manyNewTasksBecomeOneMessagePerPersonPerHour() {
        String grid = Yongchun.firstVillage(Yongchun.township(3)) + "001";
        String a = user("notify.batch.a", grid, "13900000301", Role.GRID_WORKER);
        String b = user("notify.batch.b", grid, "13900000302", Role.GRID_WORKER);
        String other = user("notify.batch.other", Yongchun.TAOCHENG_GRID, "13900000303", Role.GRID_WORKER);

        offer(12, Role.GRID_WORKER.groupAt(grid), "Task_VisitResident");
        newTasks.run();
        offer(5, Role.GRID_WORKER.groupAt(grid), "Task_VisitResident"); // within the hour: they wait
        offer(2, Role.GRID_WORKER.groupAt(grid), null);
        newTasks.run();
        newTasks.run();

        assertThat(messages(a)).containsExactly("【参保通】您有新增待走访 12 户，请登录处理：http://localhost:8080/tasks");
        assertThat(messages(b)).hasSize(1);
        assertThat(messages(other)).isEmpty();

        // the application's clock is real: the next hour is simulated by moving the first message back
        jdbc.update(
                "update notify_message set created_at = created_at - interval '61 minutes' where username in (?, ?)",
                a,
                b);
        newTasks.run();
        assertThat(messages(a)).hasSize(2).last().asString().contains("新增待办 7 项（其中待走访 5 户）");
        assertThat(messages(b)).hasSize(2);
    }

    private void offer(int n, String group, String taskKey) {
        for (int i = 0; i < n; i++) {
            Task t = tasks.newTask();
            t.setName("notify-batch-" + i);
            tasks.saveTask(t);
            tasks.addCandidateGroup(t.getId(), group);
            if (taskKey != null) {
                // as lapsed-outreach.bpmn's visit would be (a standalone task has no key; set last)
                jdbc.update("update act_ru_task set task_def_key_ = ? where id_ = ?", taskKey, t.getId());
            }
        }
    }

    private List<String> messages(String username) {
        return jdbc.queryForList(
                "select body from notify_message where username = ? and kind = 'NEW_TASKS' order by id",
                String.class,
                username);
    }
}
