package fi.arkisto.store.document;

import fi.arkisto.store.access.extract.DocumentFactsReader;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;

import java.util.Objects;

/**
 * How the facts of {@link RecordedFacts} are read from a document (docs/access.md, "Per-version access facts"): with
 * {@link DocumentFactsReader} from the parsed document; for one whose structured form was not read (streamed above the
 * in-memory limit, or a stored version above it) from its header, its structured form counting as carrying location
 * data, which fails closed: it matters only for a client under non-disclosure, whose such documents then reach
 * another organisation masked or withheld rather than possibly whole.
 */
final class FactsReading {

    private final DocumentFactsReader reader;

    FactsReading(DocumentFactsReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    DocumentFactsReader reader() {
        return reader;
    }

    /** The facts of a document parsed whole or with its body streamed. */
    RecordedFacts of(ParsedDocument parsed) {
        DocumentFacts facts = reader.read(parsed);
        if (parsed.isStreamed()) {
            facts = facts.toBuilder().locationData(true).build();
        }
        return RecordedFacts.of(facts);
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
