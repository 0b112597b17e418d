package fi.arkisto.app.packaged;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.packaged.DrillLoad.Attempt;
import fi.arkisto.app.packaged.DrillLoad.Document;
import fi.arkisto.app.packaged.DrillLoad.Fate;
import fi.arkisto.app.packaged.DrillQueueLoad.Reply;
import fi.arkisto.app.packaged.DrillStores.ArchivedRow;
import org.assertj.core.api.SoftAssertions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a drill asserts once its fault is over and its load done, and the figures it prints: every submitted document
 * archived exactly once (one version, one audit event of its archiving) or refused with a code; after a sweep no object
 * without its metadata and no metadata without its object; every document read back byte for byte; the audit chain
 * valid; and what the clients saw: 503 STORAGE_UNAVAILABLE with Retry-After or, while the process is gone, no answer,
 * never a 500.
 */
final class DrillVerdict {

    /** The fault: what it was, when it struck, when the store or the process was back. */
    record Fault(String what, Instant began, Instant restored) {
    }

    private final Drill drill;
    private final DrillLoad rest;
    private final DrillQueueLoad queue;
    private final Fault fault;
    private final boolean processGone;

    /**
     * @param processGone whether the fault takes the process away (then requests may go unanswered during it; an
     *                    outage of a store must never leave a request unanswered)
     */
    DrillVerdict(Drill drill, DrillLoad rest, DrillQueueLoad queue, Fault fault, boolean processGone) {
        this.drill = drill;
        this.rest = rest;
        this.queue = queue;
        this.fault = fault;
        this.processGone = processGone;
    }

    /** Checks everything, prints the figures in one line, and fails with every broken rule at once. */
    void assertHeld(Instant loadEnded) throws Exception {
        SoftAssertions softly = new SoftAssertions();
        List<Attempt> attempts = rest.attempts();
        Map<String, Fate> fates = rest.fates();
        Map<String, List<Reply>> replies = queue.replies();
        List<Document> all = new ArrayList<>(rest.documents());
        all.addAll(queue.documents());

        // what the clients saw
        // in flight at some moment of the fault: a request the fault cut short counts, though it began just before
        List<Attempt> during = attempts.stream().filter(a -> !a.ended().isBefore(fault.began())
                && a.started().isBefore(fault.restored())).toList();
        softly.assertThat(attempts).as("answers other than 200, 201, 503 or none")
                .filteredOn(a -> !Set.of(0, 200, 201, 503).contains(a.status())).isEmpty();
        softly.assertThat(attempts).as("503s without STORAGE_UNAVAILABLE and Retry-After")
                .filteredOn(a -> a.status() == 503 && (!"STORAGE_UNAVAILABLE".equals(a.code()) || a.retryAfter() == null))
                .isEmpty();
        Predicate<Attempt> unanswered = a -> a.status() == 0;
        if (processGone) {
            softly.assertThat(attempts).as("requests unanswered outside the fault")
                    .filteredOn(unanswered.and(a -> !during.contains(a))).isEmpty();
            softly.assertThat(during).as("requests during the fault").anyMatch(unanswered);
        } else {
            softly.assertThat(attempts).as("requests unanswered while the process ran").filteredOn(unanswered).isEmpty();
            softly.assertThat(during).as("requests during the fault").anyMatch(a -> a.status() == 503);
        }

        // every document archived exactly once or refused with a code, and read back byte for byte
        softly.assertThat(fates.values()).as("REST documents not archived").filteredOn(f -> !f.outcome().equals("ARCHIVED")
                && !f.outcome().equals("DUPLICATE")).isEmpty();
        softly.assertThat(fates.values()).as("REST documents whose read did not give back their bytes")
                .filteredOn(f -> !f.readExact()).isEmpty();
        softly.assertThat(fates).as("REST documents with an end").hasSize(rest.documents().size());
        for (Document document : queue.documents()) {
            List<Reply> answers = replies.getOrDefault(document.oid(), List.of());
            softly.assertThat(answers).as("acknowledgements of queued " + document.oid()).isNotEmpty()
                    .allMatch(r -> r.outcome().equals("ARCHIVED") || r.outcome().equals("DUPLICATE"))
                    .filteredOn(r -> r.outcome().equals("ARCHIVED")).hasSizeLessThanOrEqualTo(1);
        }
        long deadLetters = drill.ready(drill.deadLetterQueue());
        softly.assertThat(deadLetters).as("dead letters").isZero();
        softly.assertThat(drill.ready(drill.requestQueue())).as("requests left in the queue").isZero();

        Map<String, ArchivedRow> rows = drill.stores().archivedRows();
        softly.assertThat(rows.keySet()).as("archived versions").containsExactlyInAnyOrderElementsOf(
                all.stream().map(Document::oid).toList());
        for (Document document : all) {
            ArchivedRow row = rows.get(document.oid());
            softly.assertThat(row == null ? null : row.sha256()).as("SHA-256 of " + document.oid()).isEqualTo(document.sha256());
        }
        Map<String, Integer> archivings = drill.stores().archiveAuditEvents("SUCCESS");
        softly.assertThat(archivings.entrySet()).as("documents with other than one audit event of their archiving")
                .filteredOn(e -> e.getValue() != 1).isEmpty();
        softly.assertThat(archivings.keySet()).as("archived documents with an archiving event")
                .containsExactlyInAnyOrderElementsOf(rows.keySet());
        List<String> unresolved = drill.stores().unresolvedRejections();
        softly.assertThat(unresolved).as("refusals whose document never archived").isEmpty();
        int exactReads = 0;
        for (Document document : all) {
            HttpResponse<byte[]> read = drill.http().send(drill.asClient("/api/v1/documents/" + document.oid()).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean exact = read.statusCode() == 200 && Arrays.equals(read.body(), document.bytes());
            softly.assertThat(exact).as("final read of " + document.oid() + " (" + read.statusCode() + ")").isTrue();
            exactReads += exact ? 1 : 0;
        }

        // the audit chain
        JsonNode verification = drill.auditVerification();
        long events = drill.stores().auditEvents();
        softly.assertThat(verification.path("valid").asBoolean()).as("audit chain valid: " + verification).isTrue();
        softly.assertThat(verification.path("events").asLong()).as("events verified").isEqualTo(events);

        // no orphan after a sweep that began once every stray object had outlived its grace period
        Drill.Sweep last = drill.awaitSweep(loadEnded.plus(Drill.ORPHAN_GRACE), "COMPLETED", Duration.ofSeconds(90));
        Set<String> objects = drill.stores().objectKeys();
        Set<String> referenced = drill.stores().archivedRows().values().stream().map(ArchivedRow::objectKey)
                .collect(Collectors.toCollection(TreeSet::new));
        softly.assertThat(objects).as("objects (left) versus metadata (right)").containsExactlyInAnyOrderElementsOf(referenced);
        int swept = drill.sweeps().stream().mapToInt(Drill.Sweep::removed).sum();

        System.out.println(summary(during, attempts, fates, replies, deadLetters, exactReads, swept,
                objects.size() - referenced.size(), verification, last));
        softly.assertAll();
    }

    private String summary(List<Attempt> during, List<Attempt> attempts, Map<String, Fate> fates,
                           Map<String, List<Reply>> replies, long deadLetters, int exactReads, int swept, int orphansLeft,
                           JsonNode verification, Drill.Sweep last) {
        Instant firstArchivedAfter = attempts.stream().filter(a -> a.what().equals("POST")
                        && (a.status() == 200 || a.status() == 201) && a.ended().isAfter(fault.restored()))
                .map(Attempt::ended).min(Instant::compareTo).orElse(null);
        long queueDuplicates = replies.values().stream().flatMap(List::stream).filter(r -> r.outcome().equals("DUPLICATE")).count();
        // published before the fault was over and first acknowledged after it: the messages that waited it out
        Map<String, Instant> published = queue.published();
        List<Instant> waitedOut = replies.entrySet().stream()
                .filter(e -> published.containsKey(e.getKey()) && published.get(e.getKey()).isBefore(fault.restored()))
                .map(e -> e.getValue().get(0).at()).filter(at -> at.isAfter(fault.restored())).sorted().toList();
        String queueRecovery = waitedOut.isEmpty() ? "" : String.format(", the last %.1f s after the fault",
                seconds(fault.restored(), waitedOut.get(waitedOut.size() - 1)));
        return String.format(
                "DRILL %s: fault %.1f s; REST requests during it %d (%s); all REST answers (%s); recovery %s after the %s; "
                        + "REST %d documents: %d archived, %d duplicate, %d refused; queue %d documents: %d waited the fault out%s, "
                        + "%d duplicate acknowledgements, %d dead-lettered; reads %d byte-exact; "
                        + "orphans swept %d, left %d (last sweep %s); audit chain valid=%s, %d events",
                drill.name(), seconds(fault.began(), fault.restored()), during.size(), histogram(during),
                histogram(attempts),
                firstArchivedAfter == null ? "none" : String.format("%.1f s", seconds(fault.restored(), firstArchivedAfter)),
                processGone ? "restart answered health" : "store was back",
                fates.size(), count(fates, "ARCHIVED"), count(fates, "DUPLICATE"), count(fates, "REFUSED"),
                queue.documents().size(), waitedOut.size(), queueRecovery, queueDuplicates, deadLetters, exactReads, swept, orphansLeft,
                last.startedAt(), verification.path("valid").asText(), verification.path("events").asLong());
    }

    /** "503 STORAGE_UNAVAILABLE x12, no answer (ConnectException) x30", in a stable order. */
    static String histogram(List<Attempt> attempts) {
        Map<String, Long> counts = attempts.stream().collect(Collectors.groupingBy(a -> a.status() == 0
                ? "no answer (" + a.failure() + ")"
                : a.status() + (a.code() == null ? "" : " " + a.code()), TreeMap::new, Collectors.counting()));
        return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static long count(Map<String, Fate> fates, String outcome) {
        return fates.values().stream().filter(f -> f.outcome().equals(outcome)).count();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
