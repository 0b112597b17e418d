package fi.arkisto.app.api.migration;

import fi.arkisto.app.ArkistoApplication;
import fi.arkisto.batch.migration.MigrationLauncher;
import fi.arkisto.batch.migration.MigrationMonitor;
import fi.arkisto.batch.migration.MigrationProgress;
import fi.arkisto.store.identity.Oid;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar arkisto-app.jar migrate --package DIR|ZIP --controller OID [--spring.option=value ...]}: migrates a
 * legacy package (docs/legacy-package.md) with the same configuration as the server (same database and object store;
 * no web server), drawing a progress bar on the console. Running it again for the same package and controller resumes
 * an interrupted migration. Exit status 0 when the migration completed (bad rows are reported, not failures), 1 when
 * it failed, 2 for a wrong command line.
 */
public final class MigrateCommand {

    private MigrateCommand() {
    }

    public static int run(String[] args) throws Exception {
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
            System.err.println("usage: migrate --package DIR|ZIP --controller OID [--spring.option=value ...]");
            return 2;
        }
        springArgs.add("--spring.main.banner-mode=off");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ArkistoApplication.class)
                .web(WebApplicationType.NONE).run(springArgs.toArray(String[]::new))) {
            MigrationLauncher launcher = context.getBean(MigrationLauncher.class);
            MigrationMonitor monitor = context.getBean(MigrationMonitor.class);
            long id = launcher.start(pkg, Oid.of(controller));
            MigrationProgress progress;
            do {
                Thread.sleep(1000);
                progress = monitor.progress(id).orElseThrow();
                System.out.print("\r" + bar(progress));
            } while (progress.running());
            System.out.println();
            System.out.printf("Migration %d %s: %,d rows, %,d archived, %,d rejected%s%n", progress.jobInstanceId(),
                    progress.status(), progress.totalRows(), progress.archived(), progress.rejected(),
                    progress.rejectReport() == null ? "" : " (reject report " + progress.rejectReport() + ")");
            return "COMPLETED".equals(progress.status()) ? 0 : 1;
        }
    }

    /** {@code [##########----------]  50.0%  5,000/10,000 rows  4,950 archived  50 rejected  312.4 docs/s  ETA 0:00:16}. */
    static String bar(MigrationProgress p) {
        int width = 30;
        int filled = (int) Math.round(p.fraction() * width);
        Duration eta = p.eta();
        return String.format("[%s%s] %5.1f%%  %,d/%,d rows  %,d archived  %,d rejected  %.1f docs/s  ETA %s  ",
                "#".repeat(filled), "-".repeat(width - filled), p.fraction() * 100, p.processedRows(), p.totalRows(),
                p.archived(), p.rejected(), p.documentsPerSecond(),
                eta == null ? "-" : String.format("%d:%02d:%02d", eta.toHours(), eta.toMinutesPart(), eta.toSecondsPart()));
    }

}
