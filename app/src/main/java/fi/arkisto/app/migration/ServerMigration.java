package fi.arkisto.app.migration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.app.api.migration.MigrationStatus;
import fi.arkisto.app.local.LocalServerFile;
import fi.arkisto.store.identity.Oid;
import org.springframework.scheduling.TaskScheduler;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Hands a migration to the server running on this machine through its REST API ({@code POST /api/v1/migrations},
 * then {@code GET /api/v1/migrations/{id}} until it ends), authenticated with the local tools' credential the server
 * announced, and shows it with the same bar and summary as a migration run in this process.
 */
final class ServerMigration {

    /** Nothing listens at the announced address: the announcement was left by a server that is gone. */
    static final class NotRunning extends Exception {
        NotRunning(Throwable cause) {
            super(cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final LocalServerFile server;
    private final Path announcement;
    private final MigrationConsole console;
    private final TaskScheduler scheduler;
    private final Duration pollInterval;
    private final HttpClient http;

    /** @param scheduler whose thread asks after the migration every {@code pollInterval} */
    ServerMigration(LocalServerFile server, Path announcement, MigrationConsole console, TaskScheduler scheduler,
                    Duration pollInterval) {
        this.server = server;
        this.announcement = announcement;
        this.console = console;
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (server.certificate() != null) {
            // a server speaking TLS: trusted by the certificate it announced, reached on the loopback address
            http.sslContext(server.sslContext());
        }
        this.http = http.build();
    }

    /** @return the exit status: 0 when the migration completed */
    int run(Path pkg, Oid controller) throws NotRunning, InterruptedException {
        HttpResponse<String> started;
        try {
            String body = JSON.writeValueAsString(Map.of("package", pkg.toString(), "controller", controller.value()));
            started = send(request("/api/v1/migrations", controller).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        } catch (ConnectException e) {
            throw new NotRunning(e);
        } catch (IOException e) {
            console.say("Cannot reach the running server at " + server.url() + " (" + e.getMessage() + "): check that it"
                    + " answers there, or stop it and run migrate again.");
            return 1;
        }
        if (started.statusCode() != 202) {
            console.say(refusal(started));
            return 1;
        }
        long execution = json(started).path("jobExecutionId").asLong();
        console.say("Handed to the running server at " + server.url() + " (migration execution " + execution
                + "); its log has the details. Ctrl-C stops following, not the migration.");
        return StatusPolling.until(scheduler, pollInterval, () -> follow(execution, controller));
    }

    /** One look at the migration's progress: its bar while it runs, then its summary and the exit status. */
    private OptionalInt follow(long execution, Oid controller) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = send(request("/api/v1/migrations/" + execution, controller).GET().build());
        } catch (IOException e) {
            console.say("The server at " + server.url() + " stopped answering during the migration (" + e.getMessage()
                    + "); run the same command again once a server runs: the migration resumes.");
            return OptionalInt.of(1);
        }
        if (response.statusCode() != 200) {
            console.say(refusal(response));
            return OptionalInt.of(1);
        }
        MigrationStatus status = status(response);
        if (status == null) {
            console.say("The running server at " + server.url() + " answered the progress with something else than a"
                    + " migration status; see its log.");
            return OptionalInt.of(1);
        }
        if (!status.running()) {
            console.summary(status);
            return OptionalInt.of(status.completed() ? 0 : 1);
        }
        console.draw(status);
        return OptionalInt.empty();
    }

    private HttpRequest.Builder request(String path, Oid controller) {
        String credentials = server.client() + ":" + server.password();
        return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("X-Organisation-Oid", controller.value())
                .header("X-User-Id", userId())
                .header("X-Purpose-Of-Use", "1");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The refusal as one sentence: the problem's detail and code, or what to do about a rejected credential. */
    private String refusal(HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            return "The running server at " + server.url() + " did not accept the local tools' credential in "
                    + announcement + " (was it restarted just now?); run migrate again.";
        }
        JsonNode problem = json(response);
        String detail = problem.path("detail").asText(problem.path("title").asText("HTTP " + response.statusCode()));
        String code = problem.path("code").asText("");
        return "Migration refused by the running server: " + detail + (code.isEmpty() ? "" : " (" + code + ")") + ".";
    }

    private static MigrationStatus status(HttpResponse<String> response) {
        try {
            return JSON.readValue(response.body(), MigrationStatus.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The operating system user, audited as the acting user (the request context's user id rule allows these). */
    private static String userId() {
        String user = System.getProperty("user.name", "local");
        String cleaned = user.replaceAll("[^\\p{L}\\p{N}._@\\-]", "_");
        return "local:" + (cleaned.isEmpty() ? "user" : cleaned.substring(0, Math.min(cleaned.length(), 100)));
    }
}
