package fi.arkisto.app.migration;

import fi.arkisto.app.api.migration.MigrationStatus;

import java.io.PrintStream;
import java.time.Duration;

/**
 * What the {@code migrate} command shows: a progress bar redrawn in place, then one summary line. The bar owns the
 * console while it is drawn (the log goes to a file, or to the server's log), so nothing else prints into it.
 */
final class MigrationConsole {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private boolean drawing;

    MigrationConsole(PrintStream out) {
        this.out = out;
    }

    void say(String line) {
        endBar();
        out.println(line);
    }

    void draw(MigrationStatus status) {
        out.print("\r" + bar(status));
        out.flush();
        drawing = true;
    }

    /** The last line: counts, the reject report, and for a migration that did not complete, why and what to do. */
    void summary(MigrationStatus status) {
        draw(status);
        endBar();
        StringBuilder line = new StringBuilder(String.format("Migration %d %s: %,d rows, %,d archived, %,d rejected",
                status.migrationId(), status.status(), status.totalRows(), status.archived(), status.rejected()));
        if (status.rejectReport() != null) {
            line.append(" (reject report ").append(status.rejectReport()).append(')');
        }
        if (!status.completed()) {
            MigrationStatus.Failure failure = status.failure();
            line.append(". ").append(failure == null ? "It did not complete" : failure.reason()
                    + (failure.code() == null ? "" : " (" + failure.code() + ")"));
            line.append(". Fix that and run the same command again: the migration resumes where it stopped.");
        }
        out.println(line);
    }

    private void endBar() {
        if (drawing) {
            out.println();
            drawing = false;
        }
    }

    /** {@code [##########----------]  50.0%  5,000/10,000 rows  4,950 archived  50 rejected  312.4 docs/s  ETA 0:00:16}. */
    static String bar(MigrationStatus p) {
        int filled = (int) Math.round(p.fraction() * WIDTH);
        Long eta = p.etaSeconds();
        return String.format("[%s%s] %5.1f%%  %,d/%,d rows  %,d archived  %,d rejected  %.1f docs/s  ETA %s  ",
                "#".repeat(filled), "-".repeat(WIDTH - filled), p.fraction() * 100, p.processedRows(), p.totalRows(),
                p.archived(), p.rejected(), p.documentsPerSecond(), eta == null ? "-" : clock(Duration.ofSeconds(eta)));
    }

    private static String clock(Duration eta) {
        return String.format("%d:%02d:%02d", eta.toHours(), eta.toMinutesPart(), eta.toSecondsPart());
    }
}
