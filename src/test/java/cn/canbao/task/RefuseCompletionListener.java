package cn.canbao.task;

import cn.canbao.base.DomainException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Complete listener of the test process: refuses like a domain rule would when asked to. */
public class RefuseCompletionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (Boolean.TRUE.equals(task.getVariable("refuseCompletion"))) {
            throw new CompletionRefused(task.getName());
        }
    }

    /** A refusal of the process's own, as a task listener in another package would throw one. */
    public static final class CompletionRefused extends DomainException {
        CompletionRefused(String taskName) {
            super("test.completionRefused", taskName);
        }
    }
}
