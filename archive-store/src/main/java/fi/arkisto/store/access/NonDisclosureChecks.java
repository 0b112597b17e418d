package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.request.AccessRequest;

/**
 * Non-disclosure for safety reasons (turvakielto). kanta.fi, "Phase 2 functionalities in social welfare services":
 * data subject to the restriction "can be entered in the client account document maintained by the service
 * organiser"; it "must not be entered in any other documents"; it "may only be processed by the professionals who
 * have access rights to its processing"; the archive "does not share [it] with another service organiser".
 */
final class NonDisclosureChecks {

    private NonDisclosureChecks() {
    }

    /** The document carries location data of someone under non-disclosure: its client, or a party of its case. */
    static boolean protectedLocationData(DocumentFacts document, ClientFacts client) {
        return document.locationData() && (client.nonDisclosure() || document.nonDisclosureDeclared()
                || (document.mutualCase() != null && document.mutualCase().anyPartyUnderNonDisclosure()));
    }

    /** Writing a document into a register (own or under a register access right); null when nothing forbids it. */
    static DenialReason archiving(AccessRequest request, DocumentFacts document, ClientFacts client) {
        if (!protectedLocationData(document, client)) {
            return null;
        }
        if (document.group() != DocumentGroup.CLIENT_RELATIONSHIP) {
            return DenialReason.LOCATION_DATA_UNDER_NON_DISCLOSURE;
        }
        return request.rights().mayProcessNonDisclosureData() ? null : DenialReason.NON_DISCLOSURE_RIGHT_REQUIRED;
    }

    /** A read by the controller's own professional; null when nothing forbids it. */
    static DenialReason ownRead(AccessRequest request, DocumentFacts document, ClientFacts client) {
        if (document.group() == DocumentGroup.CLIENT_RELATIONSHIP && protectedLocationData(document, client)
                && !request.rights().mayProcessNonDisclosureData()) {
            return DenialReason.NON_DISCLOSURE_RIGHT_REQUIRED;
        }
        return null;
    }

    /**
     * What the controller's own professional gets: everything with the asserted right; without it, a listed client
     * relationship document shows only its metadata, and another document that carries location data (archived
     * before the restriction) its masked structured form.
     */
    static Disclosure own(AccessRequest request, DocumentFacts document, ClientFacts client) {
        if (!protectedLocationData(document, client) || request.rights().mayProcessNonDisclosureData()) {
            return Disclosure.FULL;
        }
        return document.group() == DocumentGroup.CLIENT_RELATIONSHIP ? Disclosure.METADATA_ONLY
                : Disclosure.STRUCTURED_FORM_MASKED;
    }

    /** What another organisation gets, whatever rights its client system asserts. */
    static Disclosure otherOrganisation(DocumentFacts document, ClientFacts client) {
        return protectedLocationData(document, client) ? Disclosure.STRUCTURED_FORM_MASKED : Disclosure.FULL;
    }
}
