package fi.arkisto.store.document;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.object.ObjectStore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A version ready to be recorded: its metadata, the verified object holding its bytes, what the checks found, and its
 * access facts (recorded on every path that archives a version: single, bulk, migration, replacement; null only for a
 * version recorded as a release before V11 did, whose facts the backfill reads), and for a mutual case's topic
 * document the parties it names (else null).
 */
record NewVersion(DocumentMetadata metadata, String sha256, long size, String objectKey, Instant archivedAt,
                  RequestContext archivedBy, List<Warning> warnings, List<SignatureEvidence> signatures,
                  RecordedFacts facts, MutualCase topic) {

    static NewVersion of(Preparation.Prepared document, RequestContext archivedBy, Instant archivedAt) {
        return new NewVersion(document.metadata(), document.sha256(), document.size(),
                ObjectStore.documentKey(document.sha256()), archivedAt, archivedBy, document.warnings(),
                document.signatures(), document.facts(), document.topic());
    }

    /** The archive's timestamps, at the precision PostgreSQL keeps, so a recorded time reads back equal. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    ArchivedDocument toArchived() {
        return new ArchivedDocument(metadata, DocumentStatus.ACTIVE, sha256, size, archivedAt, null, warnings, signatures);
    }
}
