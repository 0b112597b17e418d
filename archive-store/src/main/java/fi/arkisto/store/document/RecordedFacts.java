package fi.arkisto.store.document;

import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.RestrictionKind;

import java.util.Objects;

/**
 * The access facts of one version that its metadata columns lack (docs/access.md, "Per-version access facts"): read
 * once from the document when it is archived (or, for a version archived before they were kept, by
 * {@link AccessFactsBackfill} from its stored bytes) and kept in {@code archive.document_version}, so that a client's
 * document list decides each row with the access rules without reading its stored object.
 *
 * @param originalCustodian     the custodian the document named when archived
 * @param authorOrganisation    the author's organisation as resolved when archived, or null
 * @param locationData          the structured form carries a person's location data (a document whose structured
 *                              form was not read, streamed above the in-memory limit, counts as carrying it)
 * @param nonDisclosureDeclared a client relationship document declaring {@code asiakas.turvakielto: true}
 * @param ownRestriction        this version's restriction on showing it to the client
 * @param minorDisclosureCode   {@code authorization/consent/code} of 1.2.246.537.6.1286.201901, or null
 */
record RecordedFacts(String originalCustodian, String authorOrganisation, boolean locationData,
                     boolean nonDisclosureDeclared, RestrictionKind ownRestriction, String minorDisclosureCode) {

    RecordedFacts {
        Objects.requireNonNull(ownRestriction, "ownRestriction");
    }

    static RecordedFacts of(DocumentFacts facts) {
        return new RecordedFacts(facts.originalCustodian(), facts.authorOrganisation(), facts.locationData(),
                facts.nonDisclosureDeclared(), facts.ownRestriction(), facts.minorDisclosureCode());
    }

    /** These facts over {@code builder} (the facts the metadata gives). */
    DocumentFacts.Builder applyTo(DocumentFacts.Builder builder) {
        return builder.originalCustodian(originalCustodian).authorOrganisation(authorOrganisation)
                .locationData(locationData).nonDisclosureDeclared(nonDisclosureDeclared).ownRestriction(ownRestriction)
                .currentRestriction(ownRestriction).minorDisclosureCode(minorDisclosureCode);
    }
}
