package fi.arkisto.embedded;

import java.nio.file.Path;

/**
 * The embedded PostgreSQL's data directory is locked by another process, normally an Arkisto server running on the
 * same {@code arkisto.data-dir}: one data directory serves one process at a time.
 */
public final class DataDirectoryInUseException extends IllegalStateException {

    private final Path directory;

    public DataDirectoryInUseException(Path directory, Throwable cause) {
        super("The embedded PostgreSQL data directory " + directory + " is in use by another process", cause);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
