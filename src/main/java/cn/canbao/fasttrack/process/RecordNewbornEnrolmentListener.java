package cn.canbao.fasttrack.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.fasttrack.FastTrackService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code Task_EnrolNewborn} completed: the grid worker's enrolment goes into the register. */
@Component("recordNewbornEnrolment")
class RecordNewbornEnrolmentListener implements TaskListener {

    private final FastTrackService tracks;

    RecordNewbornEnrolmentListener(FastTrackService tracks) {
        this.tracks = tracks;
    }

    @Override
    public void notify(DelegateTask task) {
        tracks.recordNewbornEnrolment(
                ProcessRecord.id(task, NewbornEnrolmentProcess.VAR_TRACK_ID),
                (String) task.getVariable(NewbornEnrolmentProcess.VAR_BIRTH_CERTIFICATE),
                (String) task.getVariable(NewbornEnrolmentProcess.VAR_SCHEME),
                (String) task.getVariable(NewbornEnrolmentProcess.VAR_ENROLLED_ON));
    }
}
