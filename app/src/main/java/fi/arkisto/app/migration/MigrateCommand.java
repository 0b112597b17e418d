package fi.arkisto.app.migration;

import fi.arkisto.app.api.migration.MigrationStatus;
import fi.arkisto.app.local.LocalServerFile;
import fi.arkisto.app.local.LocalToolsProperties;
import fi.arkisto.app.tool.ToolContext;
import fi.arkisto.batch.migration.MigrationMonitor;
import fi.arkisto.embedded.DataDirectoryInUseException;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.schedule.ScheduleConfiguration;
import fi.arkisto.workflows.migration.LegacyMigrationStarter;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code java -jar arkisto-app.jar migrate --package DIR|ZIP --controller OID [--spring.option=value ...]}: migrates a
 * legacy package (docs/legacy-package.md) with the same configuration as the server, drawing a progress bar.
 *
 * <p>Where a server runs on this machine and announces itself to local tools ({@code arkisto.local-tools.file}, by
 * default {@code <arkisto.data-dir>/local-server.properties}), the migration is handed to it through its REST API: the
 * server holds the data directory, so this process cannot open it too. Otherwise the migration runs in this process,
 * which starts the archive without its web layer ({@link ToolContext}) and sends its log to a file, named on the first
 * line, so the bar stays readable. Either way the migration runs as its process in the cockpit (docs/workflows.md);
 * in this process its launch step is run by the command itself, which runs no job executor. Either way the last line says how it ended and, when it did not complete, why;
 * a failure is one sentence that says what to do, never a stack trace.
 *
 * <p>Running it again for the same package and controller resumes an interrupted migration. Exit status 0 when the
 * migration completed (bad rows are reported, not failures), 1 when it failed or was refused, 2 for a wrong command line.
 */
public final class MigrateCommand {

    static final String USAGE = "usage: migrate --package DIR|ZIP --controller OID [--spring.option=value ...]";
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final PrintStream out;
    private final MigrationConsole console;

    MigrateCommand(PrintStream out) {
        this.out = out;
        this.console = new MigrationConsole(out);
    }

    /** @param application the archive's Spring Boot application class, run as a tool when no server takes the migration */
    public static int run(String[] args, Class<?> application) throws InterruptedException {
        return new MigrateCommand(System.out).execute(args, application);
    }

    int execute(String[] args, Class<?> application) throws InterruptedException {
        Path pkg = null;
        String controller = null;
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--package" -> pkg = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--controller" -> controller = i + 1 < args.length ? args[++i] : null;
                default -> springArgs.add(args[i]);
            }
        }
        if (pkg == null || controller == null || !Oid.isValid(controller)) {
            out.println(USAGE);
            return 2;
        }
        Path location = pkg.toAbsolutePath().normalize();
        ToolContext tool = ToolContext.of("migrate", springArgs);
        Path announcement = tool.configuration().bindOrCreate("arkisto.local-tools", Bindable.of(LocalToolsProperties.class))
                .file().toAbsolutePath().normalize();
        Optional<LocalServerFile> server;
        try {
            server = LocalServerFile.read(announcement);
        } catch (RuntimeException e) {
            console.say("Cannot read the running server's announcement " + announcement + " (" + e.getMessage()
                    + "): remove it if no server runs, and run migrate again.");
            return 1;
        }
        if (server.isPresent()) {
            try {
                if (springArgs.stream().anyMatch(arg -> !arg.startsWith("--arkisto.data-dir=")
                        && !arg.startsWith("--arkisto.local-tools."))) {
                    console.say("A server runs on this data directory: it migrates with its own configuration, not with"
                            + " this command's options.");
                }
                ThreadPoolTaskScheduler scheduler = followingScheduler();
                try {
                    return new ServerMigration(server.get(), announcement, console, scheduler, POLL_INTERVAL)
                            .run(location, Oid.of(controller));
                } finally {
                    scheduler.shutdown();
                }
            } catch (ServerMigration.NotRunning gone) {
                console.say("No server answers at " + server.get().url() + " (" + announcement
                        + " was left by a server that stopped); migrating in this process.");
            }
        }
        return inProcess(tool, application, location, Oid.of(controller));
    }

    private int inProcess(ToolContext tool, Class<?> application, Path pkg, Oid controller) throws InterruptedException {
        console.say("Starting the archive in this process to migrate " + pkg + "; log: " + tool.logFile());
        ConfigurableApplicationContext context;
        try {
            context = tool.start(application);
        } catch (RuntimeException e) {
            console.say(cannotStart(e, tool));
            return 1;
        }
        try (context) {
            MigrationMonitor monitor = context.getBean(MigrationMonitor.class);
            LegacyMigrationStarter starter = context.getBean(LegacyMigrationStarter.class);
            LegacyMigrationStarter.Started started = starter.start(pkg, controller);
            console.say("Migration process " + started.businessKey() + " (its review and any failure are in the cockpit).");
            // a tool runs no job executor: the process's launch step runs here
            starter.continueHere(started);
            long id = started.jobExecutionId();
            TaskScheduler scheduler = context.getBean(ScheduleConfiguration.SCHEDULER, TaskScheduler.class);
            return StatusPolling.until(scheduler, POLL_INTERVAL, () -> {
                MigrationStatus status = monitor.progress(id).map(MigrationStatus::of).orElseThrow();
                if (!status.running()) {
                    console.summary(status);
                    return OptionalInt.of(status.completed() ? 0 : 1);
                }
                console.draw(status);
                return OptionalInt.empty();
            });
        } catch (ArchiveException refused) {
            console.say("Migration refused: " + refused.detail() + " (" + refused.code() + ").");
            return 1;
        } catch (RuntimeException e) {
            console.say("The migration stopped: " + rootMessage(e) + ". The log has the details: " + tool.logFile());
            return 1;
        }
    }

    /** The thread that follows a migration the running server took: this process has no application context then. */
    private static ThreadPoolTaskScheduler followingScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("migrate-follow-");
        // Ctrl-C ends the command at once, whatever round is in flight
        scheduler.setDaemon(true);
        scheduler.initialize();
        return scheduler;
    }

    private static String cannotStart(RuntimeException e, ToolContext tool) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataDirectoryInUseException inUse) {
                return "The data directory " + tool.dataDirectory() + " is in use by another process (" + inUse.directory()
                        + " is locked), probably an Arkisto server that does not announce itself to local tools"
                        + " (arkisto.local-tools.enabled=false): stop it, or run it with local tools enabled, and run"
                        + " migrate again.";
            }
        }
        return "The archive did not start in this process: " + rootMessage(e) + ". The log has the details: "
                + tool.logFile();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }
}
