package cn.canbao.cadence;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records every {@link BulletinDue} (published on Quartz's threads, where test-scoped event recording sees nothing). */
@Component
public class BulletinDueRecorder {

    private final List<BulletinDue> events = new CopyOnWriteArrayList<>();

    @EventListener
    void record(BulletinDue due) {
        events.add(due);
    }

    public List<BulletinDue> of(long campaignId) {
        return events.stream().filter(e -> e.campaignId() == campaignId).toList();
    }
}
