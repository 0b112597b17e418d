package fi.arkisto.store.document;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.error.InfrastructureFailure;
import fi.arkisto.store.object.ContentHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The archiving stage's reading of one document: parses it once, hashes it once and runs every archiving-stage
 * check in order (kanta.fi, "Phase 2 functionalities in social welfare services"), the first refusal stopping. The checks of the submission itself (a frame's summary of
 * the document, a migration row's client) run first, on the same parsed document; the document's access facts
 * ({@link RecordedFacts}) are read from that parse too, once.
 */
final class DocumentPreparation {

    private static final Logger log = LoggerFactory.getLogger(DocumentPreparation.class);

    private final CdaParser parser;
    private final List<DocumentCheck> checks;
    private final FactsReading facts;

    DocumentPreparation(CdaParser parser, List<DocumentCheck> checks, FactsReading facts) {
        this.parser = parser;
        this.checks = List.copyOf(checks);
        this.facts = facts;
    }

    CdaParser parser() {
        return parser;
    }

    Preparation prepare(DocumentContent content, Intake intake) {
        return prepare(content, intake, List.of());
    }

    /** @param submissionChecks checks of what the submission says beside the document, run before the archive's own */
    Preparation prepare(DocumentContent content, Intake intake, List<DocumentCheck> submissionChecks) {
        ParsedDocument parsed = null;
        try {
            String sha256;
            long size;
            if (content instanceof DocumentContent.Spooled spooled) {
                parsed = parser.parse(spooled.file(), spooled.displayFile());
                if (!parsed.isStreamed()) {
                    throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The document file changed while it was archived");
                }
                sha256 = parsed.streamed().sha256();
                size = parsed.streamed().size();
            } else {
                DocumentContent.InMemory inMemory = (DocumentContent.InMemory) content;
                byte[] bytes = inMemory.bytes();
                parsed = parser.parse(bytes);
                sha256 = inMemory.sha256() != null ? inMemory.sha256() : ContentHash.sha256Hex(bytes);
                size = bytes.length;
            }
            ValidationReport report = new ValidationReport();
            for (DocumentCheck check : submissionChecks) {
                check.check(parsed, intake, report);
            }
            for (DocumentCheck check : checks) {
                check.check(parsed, intake, report);
            }
            // the access facts are read once, from the document every check passed, and recorded with its version
            return new Preparation.Prepared(content, parsed, sha256, size, report.warnings(), report.signatures(),
                    facts.of(parsed), facts.topicOf(parsed));
        } catch (ArchiveException e) {
            return refused(e, parsed);
        } catch (RuntimeException e) {
            if (InfrastructureFailure.isCause(e)) {
                // a check that reads the database (the organisation registry, the deployment tests) met an outage:
                // not the document's fault, so not a refusal of it
                return refused(new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE,
                        "The document could not be checked: the archive's storage is unavailable", e), parsed);
            }
            // a check's bug must not pass a document unchecked, nor fail the other items of a bulk list
            log.error("Archiving-stage check failed unexpectedly", e);
            return refused(new ArchiveException(ErrorCode.INVALID_REQUEST, "The document could not be checked: " + e, e),
                    parsed);
        }
    }

    private static Preparation.Refused refused(ArchiveException error, ParsedDocument parsed) {
        return new Preparation.Refused(error, parsed == null ? null : parsed.metadata());
    }
}
