package fi.arkisto.routes.file;

import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ZIP package from the file drop, opened over its central directory (random access on disk: a 1 GB package is
 * never in memory) and checked completely before a single entry is archived, so that a hostile package changes
 * nothing (invariant 7 (docs/invariants.md)). Refused with {@link ErrorCode#PACKAGE_ENTRY_UNSAFE}: path traversal names (zip
 * slip), absolute or drive paths, symbolic links and other non-regular entries, encrypted entries, duplicate names,
 * nested archives (by name or by content). Refused with {@link ErrorCode#PACKAGE_TOO_LARGE}: too many entries, an
 * entry or the total over its limit, or a compression ratio over the limit (zip bombs); sizes are checked as
 * declared and again as actually inflated, because declared sizes can lie.
 */
final class SafePackage implements Closeable {

    private static final int UNIX_TYPE_MASK = 0170000;
    private static final int UNIX_REGULAR = 0100000;
    private static final int UNIX_DIRECTORY = 0040000;
    /** Small entries compress well legitimately (repetitive XML); ratio limits start at this inflated size. */
    private static final long RATIO_FLOOR_BYTES = 1024 * 1024;
    private static final Pattern NESTED_ARCHIVE_NAME =
            Pattern.compile(".*\\.(zip|jar|war|ear|gz|tgz|bz2|xz|7z|rar|tar|zst|lz|lzma|z)$");

    private final ZipFile zip;
    private final List<PackageEntry> entries;
    private final List<ZipArchiveEntry> zipEntries;
    private final IngestProperties.Limits limits;

    private SafePackage(ZipFile zip, List<PackageEntry> entries, List<ZipArchiveEntry> zipEntries,
                        IngestProperties.Limits limits) {
        this.zip = zip;
        this.entries = entries;
        this.zipEntries = zipEntries;
        this.limits = limits;
    }

    static SafePackage open(Path path, IngestProperties.Limits limits) {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(path).get();
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "Not a readable ZIP package: " + e.getMessage());
        }
        try {
            List<PackageEntry> entries = new ArrayList<>();
            List<ZipArchiveEntry> zipEntries = new ArrayList<>();
            Set<String> names = new HashSet<>();
            long declaredTotal = 0;
            int index = 0;
            Enumeration<ZipArchiveEntry> all = zip.getEntries();
            for (ZipArchiveEntry entry : Collections.list(all)) {
                index++;
                if (index > limits.maxEntries()) {
                    throw new ArchiveException(ErrorCode.PACKAGE_TOO_LARGE,
                            "The package has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                checkName(name);
                if (!names.add(name)) {
                    throw unsafe(name, "the name occurs twice");
                }
                if (entry.isUnixSymlink()) {
                    throw unsafe(name, "a symbolic link");
                }
                int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & UNIX_TYPE_MASK : 0;
                if (entry.isDirectory() || type == UNIX_DIRECTORY) {
                    continue;
                }
                if (type != 0 && type != UNIX_REGULAR) {
                    throw unsafe(name, "not a regular file (mode " + Integer.toOctalString(entry.getUnixMode()) + ")");
                }
                if (entry.getGeneralPurposeBit().usesEncryption()) {
                    throw unsafe(name, "encrypted");
                }
                if (NESTED_ARCHIVE_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                    throw unsafe(name, "a nested archive");
                }
                if (!zip.canReadEntryData(entry)) {
                    throw unsafe(name, "compressed with an unsupported method");
                }
                long declared = entry.getSize();
                if (declared > limits.maxEntryBytes()) {
                    throw tooLarge(name, "declares " + declared + " bytes, over the entry limit " + limits.maxEntryBytes());
                }
                if (declared > 0) {
                    declaredTotal += declared;
                    if (declaredTotal > limits.maxTotalBytes()) {
                        throw new ArchiveException(ErrorCode.PACKAGE_TOO_LARGE,
                                "The package declares more than " + limits.maxTotalBytes() + " bytes in total");
                    }
                    checkRatio(name, declared, entry.getCompressedSize(), limits);
                }
                entries.add(new PackageEntry(entries.size() + 1, name, declared));
                zipEntries.add(entry);
            }
            SafePackage pkg = new SafePackage(zip, List.copyOf(entries), List.copyOf(zipEntries), limits);
            pkg.inflateAll();
            return pkg;
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    List<PackageEntry> entries() {
        return entries;
    }

    /** The entry's bytes; the entry was inflated and bounded by {@link #open}, and is bounded again here. */
    synchronized byte[] read(PackageEntry entry) {
        ZipArchiveEntry zipEntry = zipEntries.get(entry.index() - 1);
        try (InputStream in = zip.getInputStream(zipEntry)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxEntryBytes() + 1));
            if (bytes.length > limits.maxEntryBytes()) {
                throw tooLarge(entry.name(), "inflates past the entry limit " + limits.maxEntryBytes());
            }
            return bytes;
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "Entry " + entry.name() + " cannot be read: " + e.getMessage());
        }
    }

    /** The second line of defence: inflate every entry once, counting, before anything is archived. */
    private void inflateAll() {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < entries.size(); i++) {
            PackageEntry entry = entries.get(i);
            ZipArchiveEntry zipEntry = zipEntries.get(i);
            long size = 0;
            try (InputStream in = zip.getInputStream(zipEntry)) {
                int n;
                boolean first = true;
                while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    if (first && isArchiveMagic(buffer, n)) {
                        throw unsafe(entry.name(), "a nested archive");
                    }
                    first = false;
                    size += n;
                    total += n;
                    if (size > limits.maxEntryBytes()) {
                        throw tooLarge(entry.name(), "inflates past the entry limit " + limits.maxEntryBytes());
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw new ArchiveException(ErrorCode.PACKAGE_TOO_LARGE,
                                "The package inflates past its total limit " + limits.maxTotalBytes());
                    }
                    checkRatio(entry.name(), size, zipEntry.getCompressedSize(), limits);
                }
            } catch (IOException e) {
                throw new ArchiveException(ErrorCode.INVALID_REQUEST,
                        "Entry " + entry.name() + " cannot be inflated: " + e.getMessage());
            }
        }
    }

    private static void checkRatio(String name, long inflated, long compressed, IngestProperties.Limits limits) {
        if (inflated > RATIO_FLOOR_BYTES && compressed >= 0
                && inflated > (long) limits.maxCompressionRatio() * Math.max(compressed, 1)) {
            throw tooLarge(name, "compression ratio over " + limits.maxCompressionRatio() + ":1 (a zip bomb?)");
        }
    }

    private static boolean isArchiveMagic(byte[] b, int n) {
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5 || b[2] == 7) && (b[3] == 4 || b[3] == 6 || b[3] == 8)) {
            return true;
        }
        if (n >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            return true;
        }
        if (n >= 6 && b[0] == '7' && b[1] == 'z' && (b[2] & 0xff) == 0xbc && (b[3] & 0xff) == 0xaf) {
            return true;
        }
        return n >= 4 && b[0] == 'R' && b[1] == 'a' && b[2] == 'r' && b[3] == '!';
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw unsafe("(empty)", "an empty name");
        }
        if (name.length() > 1024) {
            throw unsafe(name.substring(0, 64) + "...", "a name over 1024 characters");
        }
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw unsafe(name.replaceAll("\\p{Cntrl}", "?"), "a control character in its name");
            }
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.contains("\\")
                || (name.length() > 1 && name.charAt(1) == ':')) {
            throw unsafe(name, "an absolute path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw unsafe(name, "a path leaving the package (zip slip)");
            }
        }
    }

    private static ArchiveException unsafe(String name, String what) {
        return new ArchiveException(ErrorCode.PACKAGE_ENTRY_UNSAFE, "Package entry " + name + " is refused: " + what);
    }

    private static ArchiveException tooLarge(String name, String what) {
        return new ArchiveException(ErrorCode.PACKAGE_TOO_LARGE, "Package entry " + name + " " + what);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
