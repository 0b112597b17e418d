package fi.arkisto.store.document;

import fi.arkisto.store.access.extract.DocumentFactsReader;
import fi.arkisto.store.access.extract.MutualCaseTopicReader;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * How the facts of {@link RecordedFacts} are read from a document (docs/access.md, "Per-version access facts"): with
 * {@link DocumentFactsReader} from the parsed document; for one whose structured form was not read (streamed above the
 * in-memory limit, or a stored version above it) from its header, its structured form counting as carrying location
 * data, which fails closed: it matters only for a client under non-disclosure, whose such documents then reach
 * another organisation masked or withheld rather than possibly whole.
 */
final class FactsReading {

    private static final Logger log = LoggerFactory.getLogger(FactsReading.class);

    private final DocumentFactsReader reader;

    FactsReading(DocumentFactsReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    DocumentFactsReader reader() {
        return reader;
    }

    /** The facts of a document parsed whole or with its body streamed. */
    DocumentFacts of(ParsedDocument parsed) {
        DocumentFacts facts = reader.read(parsed);
        if (parsed.isStreamed()) {
            facts = facts.toBuilder().locationData(true).build();
        }
        return facts;
    }

    /**
     * For a mutual case's topic document, the case and the parties it names ({@link MutualCaseTopicReader}); else,
     * and for a topic document the reader cannot make sense of (logged: the case then has no parties, so its
     * documents reach no one through another party), null.
     */
    MutualCase topicOf(ParsedDocument parsed) {
        try {
            return MutualCaseTopicReader.readIfTopic(parsed.structuredForm(), parsed.metadata().controllerOid());
        } catch (RuntimeException e) {
            log.warn("The parties of the mutual case topic document {} could not be read: {}",
                    parsed.metadata().documentOid().value(), e.getMessage());
            return null;
        }
    }

    /** The facts of a version whose bytes are not parsed: its metadata, location data assumed. */
    RecordedFacts ofMetadata(DocumentMetadata metadata) {
        return RecordedFacts.of(reader.fromMetadata(metadata).locationData(true).build());
    }

    /** What a row without recorded facts stands for until they are read: its metadata, location data assumed. */
    DocumentFacts.Builder unread(DocumentMetadata metadata) {
        return reader.fromMetadata(metadata).locationData(true);
    }
}
