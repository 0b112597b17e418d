package fi.arkisto.app.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * Files and directories readable by their owner only (POSIX {@code rw-------} / {@code rwx------} where the file
 * system has permissions): the data directory and the secrets the system keeps in it.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates the directory (and its parents) when missing; a directory it creates is owner-only. */
    public static Path directory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                if (supportsPosix(directory)) {
                    Files.setPosixFilePermissions(directory, DIRECTORY);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + directory, e);
        }
    }

    /** Creates an empty owner-only file, or answers the existing one as it is. */
    static Path createIfMissing(Path file) throws IOException {
        try {
            return supportsPosix(file.getParent()) ? Files.createFile(file, ownerOnly()) : Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return file;
        }
    }

    /**
     * Writes the properties to {@code file}, owner-only from its first byte, replacing the file atomically: a reader
     * never sees half of it, and the secret in it is never readable by others, not even for a moment.
     */
    public static void writeProperties(Path file, Properties properties, String comment) {
        write(file, out -> properties.store(out, comment));
    }

    /** Writes the text (UTF-8) to {@code file} as {@link #writeProperties} does: owner-only, replaced atomically. */
    public static void writeString(Path file, String text) {
        write(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(Path file, Content content) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Path temporary = supportsPosix(parent) ? Files.createTempFile(parent, "." + file.getFileName(), ".tmp", ownerOnly())
                    : Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
                    content.writeTo(out);
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
