package fi.arkisto.app.migration;

import fi.arkisto.app.api.migration.MigrationStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationConsoleTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final MigrationConsole console = new MigrationConsole(new PrintStream(output, true, StandardCharsets.UTF_8));

    @Test
    void drawsAProgressBar() {
        assertThat(MigrationConsole.bar(status("STARTED", 5_000, null, null, null)))
                .startsWith("[###############---------------]  50.0%  5,000/10,000 rows  4,950 archived  50 rejected  312.4 docs/s  ETA 0:00:16");
    }

    @Test
    void theLastLineOfACompletedMigrationNamesItsRejectReport() {
        console.summary(status("COMPLETED", 10_000, "2026-12-01T10:00:00Z", "/data/migration-reports/migration-7-rejects.csv", null));

        assertThat(lastLine()).isEqualTo("Migration 7 COMPLETED: 10,000 rows, 4,950 archived, 50 rejected"
                + " (reject report /data/migration-reports/migration-7-rejects.csv)");
    }

    @Test
    void theLastLineOfAFailedMigrationSaysWhyAndWhatToDo() {
        console.summary(status("FAILED", 5_000, "2026-12-01T10:00:00Z", null,
                new MigrationStatus.Failure("STORAGE_UNAVAILABLE", "The object store did not answer")));

        assertThat(lastLine()).startsWith("Migration 7 FAILED: 10,000 rows, 4,950 archived, 50 rejected. "
                        + "The object store did not answer (STORAGE_UNAVAILABLE).")
                .endsWith("run the same command again: the migration resumes where it stopped.");
    }

    @Test
    void aLineSaidWhileTheBarIsDrawnStartsOnItsOwnLine() {
        console.draw(status("STARTED", 5_000, null, null, null));
        console.say("next");

        assertThat(output.toString(StandardCharsets.UTF_8)).matches("(?s)\\r\\[#+-+\\].*\\R" + "next\\R");
    }

    private String lastLine() {
        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static MigrationStatus status(String status, long processed, String endedAt, String report, MigrationStatus.Failure failure) {
        return new MigrationStatus(3, 7, status, "1.2.246.10.32213561.10.0", 10_000, processed, 4_950, 50, 312.4,
                endedAt == null ? 16L : null, "2026-12-01T09:59:00Z", endedAt, report, failure, List.of());
    }
}
