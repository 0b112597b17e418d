package fi.arkisto.routes.file;

import fi.arkisto.routes.common.IngestMetrics;
import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.message.Acknowledgement;
import fi.arkisto.store.message.MessageService;
import fi.arkisto.store.message.Submission;
import fi.arkisto.store.message.SubmissionOutcome;
import fi.arkisto.store.message.SubmissionSource;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.store.rejection.PayloadFingerprint;
import fi.arkisto.store.rejection.RejectionStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Archives the entries of one checked ZIP package (docs/messages.md, "file drop"): {@code X.frame.xml} with
 * {@code X.xml} is a frame and its document; {@code *.mime} / {@code *.eml} a multipart/related message; any other
 * {@code *.xml} a plain document (or a frame alone, for a nullification). Entries are archived by a few workers in
 * parallel; one bad entry never stops the others. Every refused entry is extracted to
 * {@code rejected/<package>/<nnnnn-entry>} with its {@code .reason.json}.
 */
final class PackageIngest {

    private static final String FRAME_SUFFIX = ".frame.xml";

    /** How one package ended: counts by outcome, and the refused entries. */
    record Report(String file, Map<SubmissionOutcome, Integer> counts, List<Map<String, String>> rejected) {
    }

    private record Item(PackageEntry primary, PackageEntry document, ErrorCode refusal, String refusalReason) {
    }

    private final MessageService messages;
    private final RejectionStore rejections;
    private final IngestMetrics metrics;
    private final IngestProperties.File properties;

    PackageIngest(MessageService messages, RejectionStore rejections, IngestMetrics metrics, IngestProperties.File properties) {
        this.messages = messages;
        this.rejections = rejections;
        this.metrics = metrics;
        this.properties = properties;
    }

    Report ingest(SafePackage pkg, String fileName, Instant receivedAt, Path rejectedDir) {
        List<Item> items = plan(pkg.entries());
        ExecutorService workers = Executors.newFixedThreadPool(properties.workers(), r -> {
            Thread t = new Thread(r, "arkisto-file-package");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Acknowledgement>> futures = new ArrayList<>(items.size());
            for (Item item : items) {
                futures.add(workers.submit(() -> ingest(pkg, fileName, item, receivedAt)));
            }
            Map<SubmissionOutcome, Integer> counts = new EnumMap<>(SubmissionOutcome.class);
            List<Map<String, String>> refused = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Acknowledgement ack = await(futures.get(i));
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
            workers.shutdownNow();
        }
    }

    private Acknowledgement ingest(SafePackage pkg, String fileName, Item item, Instant receivedAt) {
        Instant started = Instant.now();
        metrics.received(IngestChannel.FILE);
        String reference = fileName + "!" + item.primary().name();
        SubmissionSource source = new SubmissionSource(IngestChannel.FILE, reference, null, receivedAt, null,
                properties.systemUser(), null);
        Acknowledgement ack;
        if (item.refusal() != null) {
            ArchiveException refusal = new ArchiveException(item.refusal(), item.refusalReason());
            rejections.record(IngestChannel.FILE, reference, null, receivedAt, refusal.code(), refusal.detail(),
                    PayloadFingerprint.of(pkg.read(item.primary())));
            ack = Acknowledgement.refused(null, null, refusal, null);
        } else if (item.document() != null) {
            ack = messages.submit(Submission.framed(pkg.read(item.primary()), pkg.read(item.document())), source);
        } else {
            ack = messages.submit(pkg.read(item.primary()), null, source);
        }
        metrics.verdict(IngestChannel.FILE, ack, Duration.between(started, Instant.now()));
        return ack;
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

    private static Acknowledgement await(Future<Acknowledgement> future) {
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
