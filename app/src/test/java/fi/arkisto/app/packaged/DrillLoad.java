package fi.arkisto.app.packaged;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.testsupport.KantaSamples;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST side of a drill's load: client systems archiving signed documents concurrently, each as a real client
 * system does: it retries a 503 after its {@code Retry-After}, a lost connection after a second, and takes any other
 * answer as final; after archiving it reads the document back. Every request and what came of it is recorded as an
 * {@link Attempt}, every document's end as a {@link Fate}.
 */
final class DrillLoad {

    /** One signed document of the drill, with the SHA-256 of its bytes. */
    record Document(String oid, byte[] bytes, String sha256) {
    }

    /** One request: what, for which document, when, and its answer (status 0: no answer, {@code failure} says why). */
    record Attempt(String what, String oid, Instant started, Instant ended, int status, String code, String retryAfter,
                   String failure) {
    }

    /**
     * How a document's archiving ended: {@code ARCHIVED} (201), {@code DUPLICATE} (200, the resubmission of one whose
     * answer was lost), {@code REFUSED} (another answer, with its status and code) or {@code GAVE_UP} (the deadline);
     * and whether its read gave back the very bytes.
     */
    record Fate(Document document, String outcome, int status, String code, boolean readExact) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PACE = Duration.ofMillis(250);
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

    private final Drill drill;
    private final List<List<Document>> perClient;
    private final Instant deadline;
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final Map<String, Fate> fates = new ConcurrentHashMap<>();
    private final AtomicInteger archived = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    DrillLoad(Drill drill, int clients, int documentsPerClient, Duration deadline) {
        this.drill = drill;
        this.perClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            perClient.add(documents(documentsPerClient));
        }
        this.deadline = Instant.now().plus(deadline);
    }

    /**
     * Documents derived from the sample, each of a client of its own (as the documents of a day are; a read's access
     * decision reads every current client relationship document of the client) and signed anew by the organisation's
     * client information system.
     */
    static List<Document> documents(int count) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var derived = ApiIntegrationTest.derivedDocument().client(KantaSamples.newTestIdentityCode());
            byte[] bytes = ApiIntegrationTest.signed(derived);
            documents.add(new Document(derived.oidValue(), bytes, sha256(bytes)));
        }
        return documents;
    }

    void start() {
        for (int c = 0; c < perClient.size(); c++) {
            List<Document> documents = perClient.get(c);
            Thread thread = new Thread(() -> run(documents), "drill-" + drill.name() + "-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Waits until this many documents were archived (the load is under way). */
    void awaitArchived(int count, Duration timeout) {
        await(count + " documents archived").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> archived.get() >= count);
    }

    /** Waits for every client to be done with its documents; answers when the last one was. */
    Instant awaitEnd() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis() + 30_000));
            assertThat(thread.isAlive()).as(thread.getName() + " ended").isFalse();
        }
        return Instant.now();
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    Map<String, Fate> fates() {
        return Map.copyOf(fates);
    }

    List<Document> documents() {
        return perClient.stream().flatMap(List::stream).toList();
    }

    private void run(List<Document> documents) {
        for (Document document : documents) {
            Fate fate = archive(document);
            if (fate.outcome().equals("ARCHIVED") || fate.outcome().equals("DUPLICATE")) {
                archived.incrementAndGet();
                fate = new Fate(document, fate.outcome(), fate.status(), fate.code(), readsBack(document));
            }
            fates.put(document.oid(), fate);
            sleep(PACE);
        }
    }

    private Fate archive(Document document) {
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<byte[]> response = attempt("POST", document, drill.asClient("/api/v1/documents")
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(document.bytes())).build());
            if (response == null) {
                sleep(RECONNECT_WAIT);
            } else if (response.statusCode() == 503) {
                sleep(retryAfter(response));
            } else {
                String outcome = switch (response.statusCode()) {
                    case 201 -> "ARCHIVED";
                    case 200 -> "DUPLICATE";
                    default -> "REFUSED";
                };
                return new Fate(document, outcome, response.statusCode(), code(response), false);
            }
        }
        return new Fate(document, "GAVE_UP", 0, null, false);
    }

    private boolean readsBack(Document document) {
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<byte[]> response = attempt("GET", document,
                    drill.asClient("/api/v1/documents/" + document.oid()).GET().build());
            if (response == null) {
                sleep(RECONNECT_WAIT);
            } else if (response.statusCode() == 503) {
                sleep(retryAfter(response));
            } else {
                return response.statusCode() == 200 && Arrays.equals(response.body(), document.bytes());
            }
        }
        return false;
    }

    private HttpResponse<byte[]> attempt(String what, Document document, HttpRequest request) {
        Instant started = Instant.now();
        try {
            HttpResponse<byte[]> response = drill.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
            attempts.add(new Attempt(what, document.oid(), started, Instant.now(), response.statusCode(), code(response),
                    response.headers().firstValue("Retry-After").orElse(null), null));
            return response;
        } catch (IOException e) {
            attempts.add(new Attempt(what, document.oid(), started, Instant.now(), 0, null, null,
                    e.getClass().getSimpleName()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The problem's stable code, or null for an answer that is not a problem. */
    static String code(HttpResponse<byte[]> response) {
        boolean problem = response.headers().firstValue("Content-Type")
                .filter(type -> type.startsWith("application/problem+json")).isPresent();
        if (!problem) {
            return null;
        }
        try {
            return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8)).path("code").asText(null);
        } catch (IOException e) {
            return "(not JSON)";
        }
    }

    private static Duration retryAfter(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Retry-After").map(Long::parseLong).map(Duration::ofSeconds)
                .orElse(Duration.ofSeconds(5));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
