package cn.canbao;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Cleans up after tests that start processes on the demo county: other tests count the tasks of its
 * townships, so a test's instances (and the instances they called) must not outlive it.
 */
@Component
public class ProcessTestSupport {

    private final RuntimeService runtime;

    ProcessTestSupport(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Deletes the instance with its called instances, if it still runs (null: nothing was started). */
    public void deleteIfRunning(String processInstanceId) {
        if (processInstanceId != null
                && runtime.createProcessInstanceQuery()
                                .processInstanceId(processInstanceId)
                                .count()
                        > 0) {
            runtime.deleteProcessInstance(processInstanceId, "test finished");
        }
    }
}
