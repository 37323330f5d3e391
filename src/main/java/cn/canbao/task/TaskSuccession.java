package cn.canbao.task;

import cn.canbao.region.RegionSuccession;
import cn.canbao.security.Role;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The tasks' part of a merge of villages or grids (issue 17, point 10): every open task offered to the merged region's
 * users (its candidate group) is offered to the successor's instead; a task already claimed stays with its assignee.
 */
@Component
class TaskSuccession implements RegionSuccession {

    private final TaskService tasks;

    TaskSuccession(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public String what() {
        return "tasks";
    }

    @Override
    public int occupants(String code) {
        return (int) tasks.createTaskQuery()
                .taskCandidateGroup(Role.regionGroup(code))
                .includeAssignedTasks()
                .count();
    }

    @Override
    public int carryOver(String source, String target, String by) {
        String from = Role.regionGroup(source);
        String to = Role.regionGroup(target);
        int moved = 0;
        for (Task task : tasks.createTaskQuery()
                .taskCandidateGroup(from)
                .includeAssignedTasks()
                .list()) {
            tasks.deleteCandidateGroup(task.getId(), from);
            tasks.addCandidateGroup(task.getId(), to);
            moved++;
        }
        return moved;
    }
}
