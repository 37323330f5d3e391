package cn.canbao.publicity.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.publicity.PublicityService;
import cn.canbao.region.RegionService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ConfirmTownshipPublicity}: on create, names the township the task is for (task lists show
 * it); on complete, records the township leader's confirmation of the township's figures.
 */
@Component("confirmTownshipPublicity")
class ConfirmTownshipPublicityListener implements TaskListener {

    private final PublicityService publicity;
    private final RegionService regions;

    ConfirmTownshipPublicityListener(PublicityService publicity, RegionService regions) {
        this.publicity = publicity;
        this.regions = regions;
    }

    @Override
    public void notify(DelegateTask task) {
        String township = (String) task.getVariable(PublicityProcess.VAR_TOWNSHIP);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            String name = SystemAccess.call(() -> regions.get(township).name());
            task.getExecution().setVariableLocal(PublicityProcess.VAR_REGION_NAME, name);
        } else {
            publicity.confirm(ProcessRecord.id(task, PublicityProcess.VAR_DRIVE_ID), township, (String)
                    task.getVariable(PublicityProcess.VAR_REMARKS));
        }
    }
}
