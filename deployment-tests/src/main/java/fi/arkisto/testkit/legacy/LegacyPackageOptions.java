package fi.arkisto.testkit.legacy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link LegacyPackageGenerator} writes.
 *
 * @param count       manifest rows (good and bad)
 * @param out         package directory to create (or, with {@code zip}, the directory holding {@code package.zip})
 * @param badPercent  share of deliberately bad rows, 0-100 (each kind in turn, see {@link BadRowKind})
 * @param seed        makes the package reproducible
 * @param controller  the controller (organisation OID) of every row
 * @param fileBytes   approximate size of each legacy file
 * @param zip         write a ZIP package instead of a directory
 * @param scanBytes   when positive, one more (good) row at the end: a "scanned" PDF of about this many bytes, written
 *                    streaming (a 1 GB file, docs/legacy-package.md)
 */
public record LegacyPackageOptions(long count, Path out, double badPercent, long seed, String controller, int fileBytes,
                                   boolean zip, long scanBytes) {

    public static final String DEFAULT_CONTROLLER = "1.2.246.10.12345678.10.0";

    public LegacyPackageOptions {
        Objects.requireNonNull(out, "out");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        if (badPercent < 0 || badPercent > 100) {
            throw new IllegalArgumentException("bad-percent must be 0-100");
        }
        if (fileBytes < 64) {
            throw new IllegalArgumentException("file-bytes must be at least 64");
        }
        if (scanBytes < 0) {
            throw new IllegalArgumentException("scan-bytes must not be negative");
        }
    }

    public static LegacyPackageOptions of(long count, Path out) {
        return new LegacyPackageOptions(count, out, 1.0, 1L, DEFAULT_CONTROLLER, 2048, false, 0);
    }

    public LegacyPackageOptions withBadPercent(double percent) {
        return new LegacyPackageOptions(count, out, percent, seed, controller, fileBytes, zip, scanBytes);
    }

    public LegacyPackageOptions withSeed(long newSeed) {
        return new LegacyPackageOptions(count, out, badPercent, newSeed, controller, fileBytes, zip, scanBytes);
    }

    public LegacyPackageOptions withController(String oid) {
        return new LegacyPackageOptions(count, out, badPercent, seed, oid, fileBytes, zip, scanBytes);
    }

    public LegacyPackageOptions withFileBytes(int bytes) {
        return new LegacyPackageOptions(count, out, badPercent, seed, controller, bytes, zip, scanBytes);
    }

    public LegacyPackageOptions withScanBytes(long bytes) {
        return new LegacyPackageOptions(count, out, badPercent, seed, controller, fileBytes, zip, bytes);
    }

    public LegacyPackageOptions asZip() {
        return new LegacyPackageOptions(count, out, badPercent, seed, controller, fileBytes, true, scanBytes);
    }
}
