package fi.arkisto.batch.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The migration's work files: signed documents too large to hold, one directory per migration
 * ({@code <work-dir>/migration-<job instance>/row-<n>.xml}). Files are named by row so a re-processed row overwrites
 * its own file; a process killed mid-chunk leaves some behind, which the next open of the same rows and the end of
 * the migration remove.
 */
final class WorkFiles {

    private static final Logger log = LoggerFactory.getLogger(WorkFiles.class);

    private final Path directory;

    WorkFiles(Path workDir, long jobInstanceId) {
        this.directory = workDir.resolve("migration-" + jobInstanceId);
    }

    Path signed(long row) {
        return file(row, ".xml");
    }

    Path unsigned(long row) {
        return file(row, ".unsigned.xml");
    }

    private Path file(long row, String suffix) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the migration work directory " + directory, e);
        }
        return directory.resolve("row-" + row + suffix);
    }

    /** Removes what a dead process left for rows {@code fromRow..toRow}. */
    void clearRows(long fromRow, long toRow) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "row-*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int end = name.indexOf('.');
                long row = end > 4 ? parse(name.substring(4, end)) : -1;
                if (row >= fromRow && row <= toRow) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list the migration work directory {}", directory, e);
        }
    }

    /** Removes the migration's whole work directory. */
    void clearAll() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(WorkFiles::deleteQuietly);
        } catch (IOException e) {
            log.warn("Cannot remove the migration work directory {}", directory, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the migration work file {}", file, e);
        }
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
