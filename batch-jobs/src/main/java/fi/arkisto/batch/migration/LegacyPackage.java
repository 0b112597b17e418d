package fi.arkisto.batch.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A legacy export package (docs/legacy-package.md): a directory or a ZIP file holding {@code manifest.csv} and
 * the files its rows name. Paths in the manifest are relative, use {@code /}, and must stay inside the package:
 * absolute paths, {@code ..} segments, backslashes, drive letters and (for directories) symbolic links leaving the
 * package are refused as {@link ErrorCode#PACKAGE_ENTRY_UNSAFE}, a path naming nothing as
 * {@link ErrorCode#LEGACY_FILE_MISSING}. The package itself is {@link ErrorCode#LEGACY_PACKAGE_NOT_FOUND} when
 * nothing is at its location, {@link ErrorCode#LEGACY_PACKAGE_UNREADABLE} when it is not a readable directory or
 * ZIP file, and {@link ErrorCode#LEGACY_MANIFEST_MISSING} without a top-level manifest. Files are opened as streams; nothing is read whole here.
 * Thread-safe: a ZIP is read through {@link ZipFile}, which allows concurrent entry streams.
 */
public final class LegacyPackage implements AutoCloseable {

    public static final String MANIFEST = "manifest.csv";
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final Path location;
    private final Path directory;
    private final ZipFile zip;

    private LegacyPackage(Path location, Path directory, ZipFile zip) {
        this.location = location;
        this.directory = directory;
        this.zip = zip;
    }

    /** Opens a package directory or ZIP file; refuses anything else, or a package without a manifest. */
    public static LegacyPackage open(Path location) {
        Path normalised = location.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(normalised)) {
                Path real = normalised.toRealPath();
                if (!Files.isRegularFile(real.resolve(MANIFEST))) {
                    throw noManifest(normalised);
                }
                return new LegacyPackage(normalised, real, null);
            }
            if (Files.isRegularFile(normalised)) {
                ZipFile zip = new ZipFile(normalised.toFile());
                if (zip.getEntry(MANIFEST) == null) {
                    zip.close();
                    throw noManifest(normalised);
                }
                return new LegacyPackage(normalised, null, zip);
            }
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.LEGACY_PACKAGE_UNREADABLE, "The package " + normalised
                    + " cannot be read as a directory or ZIP file: " + e.getMessage(), e);
        }
        if (Files.exists(normalised)) {
            throw new ArchiveException(ErrorCode.LEGACY_PACKAGE_UNREADABLE, "The package " + normalised
                    + " is neither a directory nor a ZIP file");
        }
        throw notFound(normalised);
    }

    /** LEGACY_PACKAGE_NOT_FOUND for a location where nothing is. */
    public static ArchiveException notFound(Path location) {
        return new ArchiveException(ErrorCode.LEGACY_PACKAGE_NOT_FOUND, "No package directory or ZIP file at " + location);
    }

    private static ArchiveException noManifest(Path location) {
        return new ArchiveException(ErrorCode.LEGACY_MANIFEST_MISSING, "The package " + location + " has no " + MANIFEST
                + " at its top level");
    }

    public Path location() {
        return location;
    }

    public InputStream openManifest() {
        try {
            return zip != null ? zip.getInputStream(zip.getEntry(MANIFEST)) : Files.newInputStream(directory.resolve(MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks a manifest path and opens the file it names.
     *
     * @throws ArchiveException PACKAGE_ENTRY_UNSAFE for a path that could leave the package, LEGACY_FILE_MISSING
     *                          when nothing readable is there
     */
    public PackageFile file(String relativePath) {
        String path = checkPath(relativePath);
        try {
            if (zip != null) {
                ZipEntry entry = zip.getEntry(path);
                if (entry == null || entry.isDirectory()) {
                    throw missing(path);
                }
                return new PackageFile(path, entry.getSize(), () -> zip.getInputStream(entry));
            }
            Path file = directory.resolve(path).normalize();
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw missing(path);
            }
            Path real = file.toRealPath();
            if (!real.startsWith(directory)) {
                throw new ArchiveException(ErrorCode.PACKAGE_ENTRY_UNSAFE, "File path leads outside the package: " + path);
            }
            if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
                throw missing(path);
            }
            return new PackageFile(path, Files.size(real), () -> Files.newInputStream(real));
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.LEGACY_FILE_MISSING, "File cannot be read: " + path + " (" + e.getMessage() + ")", e);
        }
    }

    /** The normalised package path, or PACKAGE_ENTRY_UNSAFE. Pure, so rows can be checked without touching files. */
    static String checkPath(String relativePath) {
        if (relativePath == null || relativePath.isBlank()) {
            throw new ArchiveException(ErrorCode.LEGACY_ROW_INVALID, "Column file is empty");
        }
        String path = relativePath.strip();
        if (path.startsWith("/") || path.contains("\\") || DRIVE.matcher(path).matches() || path.indexOf('\0') >= 0) {
            throw new ArchiveException(ErrorCode.PACKAGE_ENTRY_UNSAFE, "File path must be relative inside the package: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.isEmpty() || segment.equals(".")) {
                throw new ArchiveException(ErrorCode.PACKAGE_ENTRY_UNSAFE, "File path leads outside the package: " + path);
            }
        }
        if (path.equals(MANIFEST)) {
            throw new ArchiveException(ErrorCode.PACKAGE_ENTRY_UNSAFE, "The manifest is not a document: " + path);
        }
        return path;
    }

    private static ArchiveException missing(String path) {
        return new ArchiveException(ErrorCode.LEGACY_FILE_MISSING, "No such file in the package: " + path);
    }

    @Override
    public void close() {
        if (zip != null) {
            try {
                zip.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A file of the package: its path, its declared size and a way to stream it (each call a new stream). */
    public record PackageFile(String path, long size, StreamOpener opener) {
        public InputStream open() throws IOException {
            return opener.open();
        }
    }

    @FunctionalInterface
    public interface StreamOpener {
        InputStream open() throws IOException;
    }
}
