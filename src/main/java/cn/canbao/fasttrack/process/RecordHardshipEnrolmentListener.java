package cn.canbao.fasttrack.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.fasttrack.FastTrackService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code Task_EnrolHardshipMember} completed: the subsidised enrolment goes into the register. */
@Component("recordHardshipEnrolment")
class RecordHardshipEnrolmentListener implements TaskListener {

    private final FastTrackService tracks;

    RecordHardshipEnrolmentListener(FastTrackService tracks) {
        this.tracks = tracks;
    }

    @Override
    public void notify(DelegateTask task) {
        tracks.recordHardshipEnrolment(ProcessRecord.id(task, HardshipEnrolmentProcess.VAR_TRACK_ID), (String)
                task.getVariable(HardshipEnrolmentProcess.VAR_ENROLLED_ON));
    }
}
