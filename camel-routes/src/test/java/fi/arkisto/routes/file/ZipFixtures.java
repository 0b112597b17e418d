package fi.arkisto.routes.file;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes test ZIP packages, hostile ones included (entries as given, unix modes for links and devices). */
final class ZipFixtures {

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Integer> modes = new LinkedHashMap<>();

    static ZipFixtures zip() {
        return new ZipFixtures();
    }

    ZipFixtures add(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    ZipFixtures add(String name, String content) {
        return add(name, content.getBytes(StandardCharsets.UTF_8));
    }

    ZipFixtures symlink(String name, String target) {
        modes.put(name, 0120777);
        return add(name, target);
    }

    ZipFixtures fifo(String name) {
        modes.put(name, 0010644);
        return add(name, new byte[0]);
    }

    Path writeTo(Path file) {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                Integer mode = modes.get(e.getKey());
                if (mode != null) {
                    entry.setUnixMode(mode);
                }
                out.putArchiveEntry(entry);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
