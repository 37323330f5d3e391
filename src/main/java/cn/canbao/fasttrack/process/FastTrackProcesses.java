package cn.canbao.fasttrack.process;

import cn.canbao.fasttrack.FastTrackKind;
import cn.canbao.fasttrack.FastTrackService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine side of the fast tracks: one process instance per new track (business key: the track),
 * due a configurable number of days after it starts; an extract's enrollment is sent as a message.
 */
@Component
public class FastTrackProcesses {

    private final RuntimeService runtime;
    private final Duration newbornDue;
    private final Duration hardshipDue;

    private final Clock clock;

    FastTrackProcesses(
            RuntimeService runtime,
            @Value("${canbao.fast-track.newborn-due-days:30}") int newbornDueDays,
            @Value("${canbao.fast-track.hardship-due-days:15}") int hardshipDueDays,
            Clock clock) {
        this.runtime = runtime;
        this.clock = clock;
        this.newbornDue = Duration.ofDays(newbornDueDays);
        this.hardshipDue = Duration.ofDays(hardshipDueDays);
    }

    /** Starts one instance per track; returns {process instance id, track id} pairs for the update. */
    public List<Object[]> start(FastTrackKind kind, List<FastTrackService.NewTrack> tracks) {
        Date due = Date.from(clock.instant().plus(kind == FastTrackKind.NEWBORN ? newbornDue : hardshipDue));
        List<Object[]> started = new ArrayList<>(tracks.size());
        for (FastTrackService.NewTrack track : tracks) {
            Map<String, Object> variables = new HashMap<>();
            variables.put(NewbornEnrolmentProcess.VAR_TRACK_ID, track.id());
            variables.put(NewbornEnrolmentProcess.VAR_PERSON_NAME, track.personName());
            variables.put(NewbornEnrolmentProcess.VAR_REGION_NAME, track.regionName());
            variables.put(NewbornEnrolmentProcess.VAR_CANDIDATE_GROUP, track.candidateGroup());
            variables.put(NewbornEnrolmentProcess.VAR_DUE_AT, due);
            String instance = runtime.startProcessInstanceByKey(kind.processKey(), Long.toString(track.id()), variables)
                    .getId();
            started.add(new Object[] {instance, track.id()});
        }
        return started;
    }

    /** Tells the track's process that an extract showed the enrollment; nothing when it no longer runs. */
    public void enrolled(FastTrackKind kind, String processInstanceId) {
        if (processInstanceId != null) {
            runtime.createMessageCorrelation(kind.enrolledMessage())
                    .processInstanceId(processInstanceId)
                    .correlateAll();
        }
    }
}
