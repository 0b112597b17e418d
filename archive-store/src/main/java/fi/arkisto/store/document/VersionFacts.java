package fi.arkisto.store.document;

import fi.arkisto.store.access.extract.DocumentFactsReader;
import fi.arkisto.store.access.extract.StageOneClassifier;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.store.object.ObjectStore;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The access facts of one stored document version (docs/access.md, "Reading one document"), built from the stored
 * object: the archived bytes, verified against their SHA-256 and parsed as archived, read by
 * {@link DocumentFactsReader}, plus what only the row knows (the set, the register's controller, the archived day
 * for stage 1). The one place a read's document facts come from, so that per-version facts columns can replace the
 * parse without touching the read service.
 *
 * <p>A version above the in-memory limit is never parsed whole: its facts come from its metadata alone, and its
 * structured form, unread, is taken to carry location data. That fails closed: it matters only for a client under
 * non-disclosure, whose such documents then reach another organisation masked (withheld, having no structured form
 * that could be masked) rather than possibly whole.
 */
final class VersionFacts {

    private final ObjectStore objects;
    private final CdaParser parser;
    private final DocumentFactsReader reader;
    private final StageOneClassifier stageOne;

    VersionFacts(ObjectStore objects, CdaParser parser, DocumentFactsReader reader, StageOneClassifier stageOne) {
        this.objects = Objects.requireNonNull(objects);
        this.parser = Objects.requireNonNull(parser);
        this.reader = Objects.requireNonNull(reader);
        this.stageOne = Objects.requireNonNull(stageOne);
    }

    /**
     * A stored version with its facts, and for a version within the in-memory limit its verified bytes and their
     * parse (the read hands out what it already holds rather than reading the object twice).
     *
     * @param bytes  the original bytes, or null above the in-memory limit
     * @param parsed the bytes parsed as archived, or null above the in-memory limit
     */
    record Loaded(StoredDocument stored, DocumentFacts facts, byte[] bytes, ParsedDocument parsed) {
    }

    Loaded load(StoredDocument stored) {
        ArchivedDocument document = stored.document();
        DocumentMetadata metadata = document.metadata();
        LocalDate archivedOn = document.archivedAt().atZone(Hl7Timestamp.FINNISH_TIME).toLocalDate();
        if (document.size() > parser.limits().maxDocumentBytes()) {
            DocumentFacts facts = reader.fromMetadata(metadata).locationData(true)
                    .stageOne(stageOne.stageOne(metadata.controllerOid(), archivedOn)).build();
            return new Loaded(stored, facts, null, null);
        }
        byte[] bytes = objects.get(stored.objectKey(), document.sha256());
        ParsedDocument parsed = parser.readArchived(bytes);
        DocumentFacts facts = reader.read(parsed).toBuilder()
                // the row is the archive's record: the set and the register it was archived into
                .setId(metadata.setId())
                .controller(metadata.controllerOid())
                .stageOne(stageOne.stageOne(metadata.controllerOid(), archivedOn))
                .build();
        return new Loaded(stored, facts, bytes, parsed);
    }
}
