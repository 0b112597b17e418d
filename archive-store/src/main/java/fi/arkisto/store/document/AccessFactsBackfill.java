package fi.arkisto.store.document;

import fi.arkisto.store.access.extract.DocumentFactsReader;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.object.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.TaskScheduler;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Fills the access facts of the versions archived before they were recorded (V11, docs/access.md, "Per-version
 * access facts"), in the background once the application is ready: each version's stored bytes, verified against
 * their SHA-256, are read with {@link CdaParser#readArchived} (what an earlier release archived is not judged again)
 * and the facts written once, with the parties a mutual case's topic document names. A version above the in-memory limit gets the facts of its metadata with location data
 * assumed. A version whose bytes cannot be read keeps no facts, so it stays treated as carrying location data, and is
 * tried again at the next start. Several instances may run it: a row is filled only while still unfilled.
 */
public class AccessFactsBackfill implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(AccessFactsBackfill.class);
    private static final int BATCH = 200;

    private final DocumentRepository documents;
    private final MutualCaseParties parties;
    private final ObjectStore objects;
    private final CdaParser parser;
    private final FactsReading reading;
    private final TaskScheduler scheduler;
    private final Clock clock;

    /** @param scheduler runs the backfill once, off the thread that starts the application */
    public AccessFactsBackfill(DocumentRepository documents, ObjectStore objects, CdaParser parser,
                               DocumentFactsReader reader, TaskScheduler scheduler, Clock clock) {
        this.documents = Objects.requireNonNull(documents);
        this.parties = new MutualCaseParties(documents.jdbc());
        this.objects = Objects.requireNonNull(objects);
        this.parser = Objects.requireNonNull(parser);
        this.reading = new FactsReading(reader);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        scheduler.schedule(this::runQuietly, clock.instant());
    }

    private void runQuietly() {
        try {
            int filled = fill();
            if (filled > 0) {
                log.info("Read the access facts of {} versions archived before they were recorded", filled);
            }
        } catch (RuntimeException e) {
            log.warn("The access facts backfill stopped; unread versions stay treated as carrying location data and "
                    + "are read at the next start", e);
        }
    }

    /** Fills every unfilled version once; answers how many it filled. */
    public int fill() {
        int filled = 0;
        String after = null;
        while (true) {
            List<StoredDocument> batch = documents.withoutFacts(after, BATCH);
            if (batch.isEmpty()) {
                return filled;
            }
            for (StoredDocument stored : batch) {
                after = stored.document().oid().value();
                RecordedFacts facts = read(stored);
                if (facts != null) {
                    filled += documents.fillFacts(after, facts, clock.instant());
                }
            }
        }
    }

    private RecordedFacts read(StoredDocument stored) {
        ArchivedDocument document = stored.document();
        try {
            if (document.size() > parser.limits().maxDocumentBytes()) {
                return reading.ofMetadata(document.metadata());
            }
            ParsedDocument parsed = parser.readArchived(objects.get(stored.objectKey(), document.sha256()));
            MutualCase topic = reading.topicOf(parsed);
            if (topic != null) {
                parties.insert(document.oid().value(), topic);
            }
            return RecordedFacts.of(reading.of(parsed));
        } catch (RuntimeException e) {
            log.warn("The access facts of document {} could not be read; it stays treated as carrying location data",
                    document.oid().value(), e);
            return null;
        }
    }
}
