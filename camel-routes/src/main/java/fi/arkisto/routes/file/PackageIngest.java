package fi.arkisto.routes.file;

import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.message.Acknowledgement;
import fi.arkisto.store.message.MessageService;
import fi.arkisto.store.message.Submission;
import fi.arkisto.store.message.SubmissionOutcome;
import fi.arkisto.store.message.SubmissionSource;
import fi.arkisto.store.rejection.IngestChannel;
import org.springframework.core.task.AsyncTaskExecutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Archives the entries of one checked ZIP package (docs/messages.md, "file drop"): {@code X.frame.xml} with
 * {@code X.xml} is a frame and its document; {@code *.mime} / {@code *.eml} a multipart/related message; any other
 * {@code *.xml} a plain document (or a frame alone, for a nullification). Entries are archived in batches by the file
 * drop's workers ({@code arkisto.ingest.file.workers} threads, shared by the packages in flight); one bad entry never
 * stops the others. Every refused entry is extracted to
 * {@code rejected/<package>/<nnnnn-entry>} with its {@code .reason.json}.
 */
final class PackageIngest {

    private static final String FRAME_SUFFIX = ".frame.xml";
    /** Entries per bulk call: large enough for the bulk path's batching, small enough to bound memory. */
    private static final int BATCH = 100;

    /** How one package ended: counts by outcome, and the refused entries. */
    record Report(String file, Map<SubmissionOutcome, Integer> counts, List<Map<String, String>> rejected) {
    }

    private record Item(PackageEntry primary, PackageEntry document, ErrorCode refusal, String refusalReason) {
    }

    private final MessageService messages;
    private final IngestProperties.File properties;
    private final AsyncTaskExecutor workers;

    PackageIngest(MessageService messages, IngestProperties.File properties, AsyncTaskExecutor workers) {
        this.messages = messages;
        this.properties = properties;
        this.workers = workers;
    }

    Report ingest(SafePackage pkg, String fileName, Instant receivedAt, Path rejectedDir) {
        List<Item> items = plan(pkg.entries());
        List<Future<List<Acknowledgement>>> futures = new ArrayList<>();
        try {
            for (int from = 0; from < items.size(); from += BATCH) {
                List<Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
                futures.add(workers.submit(() -> ingest(pkg, fileName, batch, receivedAt)));
            }
            List<Acknowledgement> acks = new ArrayList<>(items.size());
            for (Future<List<Acknowledgement>> future : futures) {
                acks.addAll(await(future));
            }
            Map<SubmissionOutcome, Integer> counts = new EnumMap<>(SubmissionOutcome.class);
            List<Map<String, String>> refused = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Acknowledgement ack = acks.get(i);
                counts.merge(ack.outcome(), 1, Integer::sum);
                if (!ack.accepted()) {
                    Item item = items.get(i);
                    String text = ack.details().get(0).text();
                    Path dir = rejectedDir.resolve(fileName);
                    extract(pkg, item.primary(), dir);
                    if (item.document() != null) {
                        extract(pkg, item.document(), dir);
                    }
                    ReasonFiles.write(dir.resolve(item.primary().safeName() + ReasonFiles.SUFFIX), fileName,
                            item.primary().name(), ErrorCode.valueOf(ack.errorCode()), text);
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("entry", item.primary().name());
                    entry.put("code", ack.errorCode());
                    entry.put("reason", text);
                    refused.add(entry);
                }
            }
            return new Report(fileName, counts, refused);
        } finally {
            // a batch that failed (or an interrupt) ends the package: its other batches stop taking the workers
            futures.forEach(future -> future.cancel(true));
        }
    }

    /**
     * One batch of entries: frames and MIME messages one by one, plain documents together through the archive's
     * bulk path ({@link MessageService#submitDocuments}).
     */
    private List<Acknowledgement> ingest(SafePackage pkg, String fileName, List<Item> batch, Instant receivedAt) {
        Acknowledgement[] acks = new Acknowledgement[batch.size()];
        List<byte[]> plain = new ArrayList<>();
        List<SubmissionSource> plainSources = new ArrayList<>();
        List<Integer> plainPositions = new ArrayList<>();
        for (int k = 0; k < batch.size(); k++) {
            Item item = batch.get(k);
            String reference = fileName + "!" + item.primary().name();
            SubmissionSource source = new SubmissionSource(IngestChannel.FILE, reference, null, receivedAt, null,
                    properties.systemUser(), null);
            byte[] bytes = pkg.read(item.primary());
            if (item.refusal() != null) {
                acks[k] = messages.reject(bytes, source, new ArchiveException(item.refusal(), item.refusalReason()));
                continue;
            }
            if (item.document() != null) {
                acks[k] = messages.submit(Submission.framed(bytes, pkg.read(item.document())), source);
                continue;
            }
            Submission submission;
            try {
                submission = Submission.read(bytes, null);
            } catch (ArchiveException e) {
                acks[k] = messages.reject(bytes, source, e);
                continue;
            }
            if (!submission.hasFrame() && submission.document() != null) {
                plain.add(bytes);
                plainSources.add(source);
                plainPositions.add(k);
            } else {
                acks[k] = messages.submit(submission, source);
            }
        }
        if (!plain.isEmpty()) {
            List<Acknowledgement> bulk = messages.submitDocuments(plain, plainSources);
            for (int j = 0; j < bulk.size(); j++) {
                acks[plainPositions.get(j)] = bulk.get(j);
            }
        }
        return List.of(acks);
    }

    /** Pairs frames with their documents by name; everything else stands alone. */
    static List<Item> plan(List<PackageEntry> entries) {
        Map<String, PackageEntry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        Map<String, PackageEntry> paired = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (PackageEntry entry : entries) {
            String lower = entry.name().toLowerCase(Locale.ROOT);
            if (lower.endsWith(FRAME_SUFFIX)) {
                String base = entry.name().substring(0, entry.name().length() - FRAME_SUFFIX.length());
                PackageEntry document = byName.get(base + ".xml");
                if (document == null) {
                    document = byName.get(base + ".cda.xml");
                }
                if (document != null) {
                    paired.put(document.name(), document);
                }
                items.add(new Item(entry, document, null, null));
            }
        }
        for (PackageEntry entry : entries) {
            String lower = entry.name().toLowerCase(Locale.ROOT);
            if (lower.endsWith(FRAME_SUFFIX) || paired.containsKey(entry.name())) {
                continue;
            }
            if (lower.endsWith(".xml") || lower.endsWith(".mime") || lower.endsWith(".eml")) {
                items.add(new Item(entry, null, null, null));
            } else {
                items.add(new Item(entry, null, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Package entry " + entry.name()
                        + " is neither a document (.xml), a frame (.frame.xml) nor a MIME message (.mime, .eml)"));
            }
        }
        items.sort((a, b) -> Integer.compare(a.primary().index(), b.primary().index()));
        return items;
    }

    private static void extract(SafePackage pkg, PackageEntry entry, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(entry.safeName()), pkg.read(entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while archiving a package", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
