package fi.arkisto.store.document;

import fi.arkisto.store.access.extract.DocumentFactsReader;
import fi.arkisto.store.access.extract.StageOneClassifier;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.store.object.ObjectStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The access facts of one stored document version (docs/access.md, "Reading one document" and "Per-version access
 * facts"): the facts recorded with the row when they are filled, else read from the stored object (the archived
 * bytes, verified against their SHA-256 and parsed as archived, never judged again), plus what only the row knows
 * (the set, the register's controller, the archived day for stage 1, the mutual case). The one place a read's document facts come
 * from.
 *
 * <p>A version above the in-memory limit is never parsed whole: without recorded facts its facts come from its
 * metadata alone, and its structured form, unread, is taken to carry location data ({@link FactsReading}).
 */
final class VersionFacts {

    private final ObjectStore objects;
    private final CdaParser parser;
    private final FactsReading reading;
    private final StageOneClassifier stageOne;
    private final MutualCaseParties parties;

    VersionFacts(ObjectStore objects, CdaParser parser, DocumentFactsReader reader, StageOneClassifier stageOne,
                 MutualCaseParties parties) {
        this.objects = Objects.requireNonNull(objects);
        this.parser = Objects.requireNonNull(parser);
        this.reading = new FactsReading(reader);
        this.stageOne = Objects.requireNonNull(stageOne);
        this.parties = Objects.requireNonNull(parties);
    }

    /**
     * A stored version with its facts; its verified bytes and their parse are read when first asked for (a read
     * decided on recorded facts that is refused, or answered with metadata only, reads no object), once.
     */
    final class Loaded {

        private final StoredDocument stored;
        private final DocumentFacts facts;
        private byte[] bytes;
        private ParsedDocument parsed;

        private Loaded(StoredDocument stored, DocumentFacts facts, byte[] bytes, ParsedDocument parsed) {
            this.stored = stored;
            this.facts = facts;
            this.bytes = bytes;
            this.parsed = parsed;
        }

        StoredDocument stored() {
            return stored;
        }

        DocumentFacts facts() {
            return facts;
        }

        /** The original bytes verified against their SHA-256, or null above the in-memory limit. */
        byte[] bytes() {
            if (bytes == null && withinLimit(stored)) {
                bytes = objects.get(stored.objectKey(), stored.document().sha256());
            }
            return bytes;
        }

        /** The bytes parsed as archived, or null above the in-memory limit. */
        ParsedDocument parsed() {
            if (parsed == null && bytes() != null) {
                parsed = parser.readArchived(bytes);
            }
            return parsed;
        }
    }

    Loaded load(StoredDocument stored) {
        DocumentMetadata metadata = stored.document().metadata();
        if (stored.facts() != null) {
            return new Loaded(stored, withRow(stored.facts().applyTo(reading.reader().fromMetadata(metadata)), stored),
                    null, null);
        }
        if (!withinLimit(stored)) {
            return new Loaded(stored, withRow(reading.unread(metadata), stored), null, null);
        }
        byte[] bytes = objects.get(stored.objectKey(), stored.document().sha256());
        ParsedDocument parsed = parser.readArchived(bytes);
        return new Loaded(stored, withRow(reading.reader().read(parsed).toBuilder(), stored), bytes, parsed);
    }

    /**
     * The row is the archive's record: the set and the register it was archived into (its current controller after a
     * completed controller change, the former one named with it), its archived day, and the
     * mutual case its case is (the parties the case's current topic versions name), if any.
     */
    private DocumentFacts withRow(DocumentFacts.Builder facts, StoredDocument stored) {
        DocumentMetadata metadata = stored.document().metadata();
        String caseId = metadata.caseId();
        MutualCase mutualCase = caseId == null ? null : parties.cases(List.of(caseId)).get(caseId);
        return facts.setId(metadata.setId()).controller(stored.controllerOid())
                .formerController(stored.formerController()).mutualCase(mutualCase)
                .stageOne(stageOne(metadata.controllerOid(), stored.document().archivedAt())).build();
    }

    boolean stageOne(String controller, Instant archivedAt) {
        LocalDate archivedOn = archivedAt.atZone(Hl7Timestamp.FINNISH_TIME).toLocalDate();
        return stageOne.stageOne(controller, archivedOn);
    }

    private boolean withinLimit(StoredDocument stored) {
        return stored.document().size() <= parser.limits().maxDocumentBytes();
    }
}
