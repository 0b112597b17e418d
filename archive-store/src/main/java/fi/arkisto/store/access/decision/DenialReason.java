package fi.arkisto.store.access.decision;

/**
 * Why a request was denied: one code per rule, named as the archive's error codes are (they become problem codes of
 * the API and reasons of reject records and audit events). Each code's title says what the rule is; {@code docs/access.md}
 * gives each rule's source.
 */
public enum DenialReason {
    // the request itself
    ACTING_ORGANISATION_MISSING(400, "A professional's request must name the acting organisation"),
    REGISTER_CONTROLLER_UNKNOWN(403, "The document's register has no known controller"),
    USE_CONTEXT_UNKNOWN(403, "The use context is not one the archive accepts"),
    USE_CONTEXT_NOT_FOR_OWN_REGISTER(403, "The use context does not cover the controller's own use of its register"),
    REGISTER_CONTROLLER_CHANGED(403, "The register has passed to a new controller in a controller change; its former controller no longer uses it as its own"),
    SHARING_ONLY_FOR_READS(403, "A sharing use context allows reading another controller's documents, not writing or listing its register"),

    // which client a document pertains to (mutual cases)
    NOT_THE_CLIENTS_DOCUMENT(403, "The document neither belongs to the client nor to a mutual case the client is a party of"),
    MUTUAL_CASE_BEFORE_PARTY_JOINED(403, "The mutual-case document dates from before the client became a party"),
    MUTUAL_CASE_AFTER_PARTY_LEFT(403, "The mutual-case document dates from after the client left the case"),

    // register access right
    NO_ACCESS_TO_REGISTER(403, "The acting organisation is not the register's controller and holds no register access right to it"),
    REGISTER_ACCESS_RIGHT_NOT_STARTED(403, "The register access right has not started: the client relationship at the provider begins later"),
    REGISTER_ACCESS_RIGHT_ENDED(403, "The register access right has ended: the client relationship at the provider has ended"),
    REGISTER_ACCESS_OTHER_SERVICE_TASK(403, "The register access right covers another service task of the client"),
    REGISTER_ACCESS_AGREEMENT_MISSING(403, "The organiser and the provider have not enabled the register access right for each other"),
    REGISTER_ACCESS_AGREEMENT_OTHER_SERVICE_TASK(403, "The organiser and the provider's register access agreement covers other service tasks only"),
    REGISTER_ACCESS_AGREEMENT_ENDED(403, "The organiser and the provider have ended their register access agreement"),
    REGISTER_ACCESS_TEST_REAL_IDENTITY_CODE(403, "Before the register access agreement, the deployment test of the organiser and the provider covers clients with test identity codes only"),
    REGISTER_ACCESS_TEST_WINDOW_NOT_OPEN(403, "The organiser and the provider's register access right is in its deployment test, whose test window is not open"),
    REGISTER_ACCESS_DOCUMENT_BEFORE_PERIOD(403, "The document dates from before the provider's client relationship began"),
    EXTENSIVE_REGISTER_ACCESS_RIGHT_REQUIRED(403, "Only the extensive register access right lets a provider write client relationship and case documents"),
    DOCUMENT_GROUP_NOT_ARCHIVABLE_BY_PROVIDER(403, "A provider may not write documents of this document group into the organiser's register"),
    AUTHOR_ORGANISATION_NOT_PROVIDER(403, "A document written under a register access right must name the provider as the author's organisation"),
    REPLACED_VERSION_NOT_BY_PROVIDER(403, "A provider replaces or nullifies only versions it archived itself into the organiser's register"),

    // non-disclosure for safety reasons
    LOCATION_DATA_UNDER_NON_DISCLOSURE(422, "The client is under non-disclosure for safety reasons: location data belongs only in the organiser's client relationship document"),
    NON_DISCLOSURE_RIGHT_REQUIRED(403, "Data under non-disclosure for safety reasons needs a professional the client system asserts may process it"),

    // sharing to another controller
    CLIENT_NOT_INFORMED(403, "The client has not been informed about the archive, so nothing is disclosed to another controller"),
    NO_VALID_CONSENT(403, "The client has no valid consent to disclosing social welfare data"),
    NO_ACTIVE_CLIENT_RELATIONSHIP(403, "The requesting organisation has no active client relationship with the client"),
    DISCLOSURE_DENIED_DOCUMENT(403, "The client has denied disclosing this document"),
    DISCLOSURE_DENIED_SERVICE_TASK(403, "The client has denied disclosing documents of this service task"),
    DISCLOSURE_DENIED_CONTROLLER(403, "The client has denied disclosing this controller's documents"),
    OLD_DOCUMENT_NEEDS_BROAD_SEARCH(403, "Old documents are disclosed only to a broad search with a justification"),
    STAGE_ONE_DOCUMENT_NEEDS_BROAD_SEARCH(403, "Stage-1 documents are disclosed only to a broad search with a justification"),
    BROAD_SEARCH_JUSTIFICATION_UNKNOWN(403, "The broad-search justification is not a code the archive accepts"),

    // the citizen's view (MyKanta)
    CITIZEN_OLD_DOCUMENT(403, "Old documents are never shown to the citizen"),
    CITIZEN_STAGE_ONE_DOCUMENT(403, "Stage-1 documents are never shown to the citizen"),
    CITIZEN_INACCESSIBLE_ARGUMENT(403, "A professional has marked the document not to be shown to the client"),
    CITIZEN_AUTHORIZATION_RESTRICTION(403, "A professional has delayed showing the document to the client"),
    CITIZEN_SHELTER_SERVICE(403, "Shelter service documents are not shown to the citizen"),
    CITIZEN_INTIMATE_PARTNER_VIOLENCE(403, "Documents on preventing intimate-partner violence are not shown to the citizen"),
    CITIZEN_PAYMENT_COMMITMENT(403, "Payment commitments are not shown to the citizen"),
    CITIZEN_OTHER_PARTY_NON_DISCLOSURE(403, "The document carries location data and another party of the case is under non-disclosure for safety reasons"),

    // a guardian on a minor's behalf
    GUARDIANSHIP_NOT_VERIFIED(403, "The citizen is not a guardian of the client according to the population register"),
    GUARDIAN_CLIENT_NOT_A_MINOR(403, "A guardian may view only a minor's data"),
    GUARDIAN_BLOCKED_BY_NON_DISCLOSURE(403, "A minor under non-disclosure for safety reasons cannot be acted for"),
    MINOR_REFUSED_DISCLOSURE_TO_GUARDIAN(403, "The minor has refused disclosing the document to the guardians"),
    MINOR_DISCLOSURE_NOT_RECORDED(403, "The document does not record whether the minor allows disclosing it to the guardians");

    private final int httpStatus;
    private final String title;

    DenialReason(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    /** The HTTP status the API answers with when this reason refuses a whole request. */
    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
