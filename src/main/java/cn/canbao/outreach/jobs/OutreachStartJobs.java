package cn.canbao.outreach.jobs;

import cn.canbao.outreach.OutreachStarter;
import cn.canbao.security.SystemAccess;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ranges of an outreach start as jobs of Camunda's job executor, so that every node's executor starts ranges
 * beside the thread that called {@link OutreachStarter#start}: issue 18, "the work spreads over all nodes". A job
 * names its campaign and range of case ids (a job of our own type, not a process: nobody can queue one through the
 * REST API or a task form), runs as the system in the job's transaction, and starts whatever of its range is still
 * unstarted (nothing, when the calling thread or another node got there first). A job that fails is retried by the
 * engine; a node that dies holding one leaves it locked until the lock expires, and the range rolled back meanwhile
 * is started by the calling thread's second pass or by the job when it runs again.
 */
@Component
public class OutreachStartJobs extends AbstractProcessEnginePlugin {

    public static final String TYPE = "canbao-outreach-start";

    private static final Logger log = LoggerFactory.getLogger(OutreachStartJobs.class);

    private final ObjectProvider<OutreachStarter> starter;
    private final JdbcClient jdbc;
    private ProcessEngineConfigurationImpl engine;
    private final Clock clock;

    OutreachStartJobs(ObjectProvider<OutreachStarter> starter, JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.starter = starter;
        this.jdbc = jdbc;
    }

    /** A job's campaign and case-id range, stored as {@code campaign:first:last}. */
    record Range(long campaignId, long fromCaseId, long toCaseId) implements JobHandlerConfiguration {

        static Range parse(String stored) {
            String[] parts = stored.split(":");
            return new Range(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }

        @Override
        public String toCanonicalString() {
            return campaignId + ":" + fromCaseId + ":" + toCaseId;
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(new Handler());
        configuration.setCustomJobHandlers(handlers);
    }

    /** Queues one job per range, in the caller's transaction (a start that rolls back queues nothing). */
    public void queue(long campaignId, List<long[]> ranges) {
        engine.getCommandExecutorTxRequired().execute(context -> {
            for (long[] range : ranges) {
                MessageEntity job = new MessageEntity();
                job.setJobHandlerType(TYPE);
                job.setJobHandlerConfiguration(new Range(campaignId, range[0], range[1]));
                // not exclusive: the engine runs exclusive jobs of one process instance one after another on one
                // thread,
                // and these have none, so all of a node's acquired ranges would queue behind each other
                job.setExclusive(false);
                // due now: with ensureJobDueDateNotNull (application.yml) the executors acquire only jobs with a due
                // date
                job.setDuedate(Date.from(clock.instant()));
                context.getJobManager().send(job);
            }
            return null;
        });
    }

    /**
     * Deletes the campaign's queued ranges no executor has taken yet, once the calling thread has started every range
     * itself: they would only find nothing to do. A job an executor holds right now ends by itself.
     */
    public void dropDone(long campaignId) {
        List<String> idle = jdbc.sql("select id_ from act_ru_job where handler_type_ = ? and handler_cfg_ like ? "
                        + "and lock_owner_ is null")
                .params(TYPE, campaignId + ":%")
                .query(String.class)
                .list();
        for (String id : idle) {
            try {
                engine.getManagementService().deleteJob(id);
            } catch (ProcessEngineException taken) {
                // an executor locked it meanwhile: it runs and finds its range started
            }
        }
    }

    private final class Handler implements JobHandler<Range> {

        @Override
        public String getType() {
            return TYPE;
        }

        @Override
        public void execute(Range range, ExecutionEntity execution, CommandContext context, String tenantId) {
            int started = SystemAccess.call(() ->
                    starter.getObject().startQueuedRange(range.campaignId(), range.fromCaseId(), range.toCaseId()));
            log.info(
                    "Outreach start job for campaign {}, cases {} to {}: {} processes started",
                    range.campaignId(),
                    range.fromCaseId(),
                    range.toCaseId(),
                    started);
        }

        @Override
        public Range newConfiguration(String canonicalString) {
            return Range.parse(canonicalString);
        }

        @Override
        public void onDelete(Range range, JobEntity job) {
            // nothing of ours to clean up: the cases stay listed
        }
    }
}
