package fi.arkisto.store.document;

import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.error.ArchiveException;

import java.util.List;

/**
 * What the archiving stage made of one submission before anything is stored (kanta.fi, "Phase 2 functionalities in social welfare services": "the archive verifies in the
 * archiving stage that the documents are correct"): a document parsed once, hashed once and passed by every check,
 * or the refusal with its code. Made by {@link ArchivingService#prepare}, archived by
 * {@link ArchivingService#archive(Preparation, fi.arkisto.store.actor.RequestContext)}.
 */
public sealed interface Preparation {

    /** The document's metadata when it could be parsed, else null (a refusal of the parser). */
    DocumentMetadata metadata();

    /** The document OID when the document could be parsed, else null. */
    default String documentOid() {
        return metadata() == null ? null : metadata().documentOid().value();
    }

    /** The client the document is about when it could be parsed, else null. */
    default String clientId() {
        return metadata() == null ? null : metadata().clientId();
    }

    /**
     * A document every check passed; immutable.
     *
     * @param sha256 hex SHA-256 of the exact bytes that will be stored
     * @param access the access facts read from the document once: recorded with its version (docs/access.md,
     *               "Per-version access facts") and decided on when it is archived ("Archiving and nullifying")
     * @param topic  for a mutual case's topic document, the case and the parties it names (recorded with the
     *               version); else null
     */
    record Prepared(DocumentContent content, ParsedDocument parsed, String sha256, long size, List<Warning> warnings,
                    List<SignatureEvidence> signatures, DocumentFacts access, MutualCase topic) implements Preparation {

        public Prepared {
            java.util.Objects.requireNonNull(access, "access");
            warnings = List.copyOf(warnings);
            signatures = List.copyOf(signatures);
        }

        @Override
        public DocumentMetadata metadata() {
            return parsed.metadata();
        }

        /** What of the access facts is recorded with the version. */
        RecordedFacts facts() {
            return RecordedFacts.of(access);
        }
    }

    /**
     * A refusal; nothing is stored for it, and it is audited when archived (invariant 5 (docs/invariants.md)).
     *
     * @param metadata the document's metadata when the refusal came after parsing, else null
     */
    record Refused(ArchiveException error, DocumentMetadata metadata) implements Preparation {
    }
}
