package cn.canbao.security.camunda;

import cn.canbao.security.SystemAccess;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Every job of Camunda's job executor (timers, asynchronous continuations) runs as the system: it is a step the
 * process owns, not anybody's request, and the services it calls refuse a caller that is nobody. A user's own
 * acts (completing a task through a form, Tasklist or REST) run in that user's request and are checked as theirs.
 * The pool replaces the Camunda starter's own (same bean name, same {@code camunda.bpm.job-execution.*} sizes).
 */
@Configuration(proxyBeanMethods = false)
class JobsRunAsSystem {

    /** The job executor's pool, as the Camunda Spring Boot starter names and injects it. */
    static final String CAMUNDA_TASK_EXECUTOR = "camundaTaskExecutor";

    @Bean(CAMUNDA_TASK_EXECUTOR)
    ThreadPoolTaskExecutor camundaTaskExecutor(CamundaBpmProperties camunda) {
        JobExecutionProperty jobs = camunda.getJobExecution();
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(jobs.getCorePoolSize());
        pool.setMaxPoolSize(jobs.getMaxPoolSize());
        pool.setQueueCapacity(jobs.getQueueCapacity());
        if (jobs.getKeepAliveSeconds() != null) {
            pool.setKeepAliveSeconds(jobs.getKeepAliveSeconds());
        }
        pool.setThreadNamePrefix("camunda-job-");
        pool.setTaskDecorator(job -> () -> SystemAccess.run(job));
        return pool;
    }
}
