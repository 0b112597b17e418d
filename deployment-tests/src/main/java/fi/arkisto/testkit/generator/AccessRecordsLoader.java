package fi.arkisto.testkit.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Replays the generator's {@value TestDataGenerator#ACCESS_RECORDS} through a running archive's API, after the
 * generated documents are archived: each line is POSTed to its path as its organisation (use context 1), and a record
 * marked for withdrawal is then withdrawn. The client system must be registered for the organisations named (the
 * generator's organisation; for benchmarks and demos a client registered for {@code *}).
 *
 * <pre>{@code
 * var loader = new AccessRecordsLoader(URI.create("http://localhost:8080"), "arkisto", password, "testiaineisto");
 * LoadSummary summary = loader.load(AccessRecordsLoader.read(outDir.resolve(TestDataGenerator.ACCESS_RECORDS)));
 * }</pre>
 */
public final class AccessRecordsLoader {

    /** What a load did: records made, withdrawals made, and every call refused (with its answer). */
    public record LoadSummary(int created, int withdrawn, List<String> failures) {
    }

    private final URI base;
    private final String authorization;
    private final String userId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public AccessRecordsLoader(URI base, String client, String password, String userId) {
        this.base = Objects.requireNonNull(base, "base");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((client + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.userId = Objects.requireNonNull(userId, "userId");
    }

    /** One record as a line of the side file. */
    public static String line(AccessRecord record) {
        ObjectNode line = AccessRecords.JSON.createObjectNode();
        line.put("kind", record.kind());
        if (record.clientId() != null) {
            line.put("clientId", record.clientId());
        }
        line.put("organisation", record.organisation());
        line.put("path", record.path());
        line.set("body", record.body());
        line.put("withdraw", record.withdraw());
        try {
            return AccessRecords.JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of a side file, in order. */
    public static List<AccessRecord> read(Path file) {
        try {
            List<AccessRecord> records = new ArrayList<>();
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line = AccessRecords.JSON.readTree(text);
                records.add(new AccessRecord(line.path("kind").asText(),
                        line.hasNonNull("clientId") ? line.path("clientId").asText() : null,
                        line.path("organisation").asText(), line.path("path").asText(), (ObjectNode) line.path("body"),
                        line.path("withdraw").asBoolean(false)));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs every record in order; a refusal is noted and the load goes on. */
    public LoadSummary load(List<AccessRecord> records) {
        int created = 0;
        int withdrawn = 0;
        List<String> failures = new ArrayList<>();
        for (AccessRecord record : records) {
            HttpResponse<String> answer = post(record.organisation(), record.path(), record.body().toString());
            if (answer.statusCode() != 201) {
                failures.add(record.kind() + " " + record.path() + ": " + answer.statusCode() + " " + answer.body());
                continue;
            }
            created++;
            if (record.withdraw()) {
                String id = readTree(answer.body()).path("id").asText();
                HttpResponse<String> withdrawal = post(record.organisation(), record.path() + "/" + id + "/withdrawal",
                        "{\"reason\": \"Testiaineisto: peruttu\"}");
                if (withdrawal.statusCode() == 200) {
                    withdrawn++;
                } else {
                    failures.add("withdrawal of " + record.kind() + " " + id + ": " + withdrawal.statusCode() + " "
                            + withdrawal.body());
                }
            }
        }
        return new LoadSummary(created, withdrawn, failures);
    }

    private HttpResponse<String> post(String organisation, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .header("X-Organisation-Oid", organisation)
                .header("X-User-Id", userId)
                .header("X-Purpose-Of-Use", "1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading access records", e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return AccessRecords.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
