package fi.arkisto.routes.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fi.arkisto.store.error.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file drop's machine-readable rejection reasons: one JSON file per refused file or package entry,
 * {@code {"file", "entry", "code", "reason", "rejectedAt"}}, written next to what was refused in {@code rejected/}.
 * Written to a temporary name and moved, so a reader never sees half a reason.
 */
final class ReasonFiles {

    static final String SUFFIX = ".reason.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReasonFiles() {
    }

    static Path write(Path target, String file, String entry, ErrorCode code, String reason) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file);
        json.put("entry", entry);
        json.put("code", code.name());
        json.put("reason", reason);
        json.put("rejectedAt", Instant.now().toString());
        return writeJson(target, json);
    }

    static Path writeJson(Path target, Object json) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), json);
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
