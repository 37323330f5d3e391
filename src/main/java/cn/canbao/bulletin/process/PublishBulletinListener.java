package cn.canbao.bulletin.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.bulletin.BulletinService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${publishBulletin}}: completing 审核并发布通报 publishes the bulletin with the leader's remarks. */
@Component("publishBulletin")
class PublishBulletinListener implements TaskListener {

    private final BulletinService bulletins;

    PublishBulletinListener(BulletinService bulletins) {
        this.bulletins = bulletins;
    }

    @Override
    public void notify(DelegateTask task) {
        long bulletinId = bulletins.bulletinOf(task.getProcessInstanceId());
        ProcessRecord.requireSame(task, BulletinProcess.VAR_BULLETIN_ID, bulletinId);
        bulletins.publish(bulletinId, (String) task.getVariable(BulletinProcess.VAR_REMARKS));
    }
}
