package fi.arkisto.store.schedule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler of the archive's own rounds ({@link FixedDelaySchedule}s, progress logs). Not a default candidate: it
 * is injected by name, {@value #SCHEDULER}, and leaves the application's task scheduler to Boot.
 */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

    public static final String SCHEDULER = "arkistoTaskScheduler";
    /** Enough that one slow round (an orphan sweep over a large bucket) does not hold back the others. */
    private static final int THREADS = 4;

    @Bean(name = SCHEDULER, defaultCandidate = false)
    public ThreadPoolTaskScheduler arkistoTaskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(THREADS);
        scheduler.setThreadNamePrefix("arkisto-schedule-");
        // a tool that forgets to close its context still ends: nothing scheduled here must outlive the application
        scheduler.setDaemon(true);
        // a round in progress is interrupted at close: every round here is safe to cut short and redo
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        return scheduler;
    }
}
