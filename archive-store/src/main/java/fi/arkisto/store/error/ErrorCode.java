package fi.arkisto.store.error;

/**
 * Stable, machine-readable error codes. Clients switch on {@link #name()}; it never changes
 * once released. Every code maps to one HTTP status and, for asynchronous channels, to the
 * reason written into reject records and HL7 acknowledgements.
 */
public enum ErrorCode {
    // request context and access
    MISSING_REQUEST_CONTEXT(400, "The request context headers X-Organisation-Oid, X-User-Id and X-Purpose-Of-Use are required"),
    INVALID_REQUEST_CONTEXT(400, "A request context header has an invalid value"),
    INVALID_REQUEST(400, "A request parameter or the request body is invalid"),
    MALFORMED_JSON(400, "The request body is not well-formed JSON"),
    UNSUPPORTED_MEDIA_TYPE(415, "The content type is not accepted here"),
    ACCESS_DENIED(403, "Access denied: the client system, its acting organisation or the purpose of use does not permit this"),
    DOCUMENT_NOT_FOUND(404, "No such document"),
    PATH_NOT_FOUND(404, "No API operation exists at this path"),
    METHOD_NOT_ALLOWED(405, "This path does not accept the HTTP method"),
    NOT_ACCEPTABLE(406, "The answer cannot be given in any of the accepted media types"),
    AUTHENTICATION_REQUIRED(401, "The client system must authenticate"),
    CLIENT_CERTIFICATE_UNTRUSTED(401, "The client certificate does not chain to a trusted issuer of client systems, or "
            + "its key usage does not allow client authentication"),
    CLIENT_CERTIFICATE_EXPIRED(401, "The client certificate is outside its validity period: expired or not yet valid"),
    CLIENT_CERTIFICATE_REVOKED(401, "The client certificate was revoked by its issuer"),
    CLIENT_CERTIFICATE_WITHOUT_ORGANISATION(401, "The client certificate names no organisation: its subject serialNumber "
            + "is not an organisation OID"),
    CLIENT_CERTIFICATE_MALFORMED(400, "The client certificate forwarded by the reverse proxy cannot be read as an X.509 "
            + "certificate"),
    INTERNAL_ERROR(500, "The archive failed to process the request"),

    // hostile or malformed XML
    MALFORMED_XML(422, "The document is not well-formed XML"),
    XML_DTD_FORBIDDEN(422, "Document type declarations and entities are not accepted"),
    XML_TOO_DEEP(422, "The XML nesting exceeds the allowed depth"),
    DOCUMENT_TOO_LARGE(413, "The document exceeds the allowed size"),
    NOT_A_CDA_DOCUMENT(422, "The XML is not an HL7 CDA R2 ClinicalDocument"),
    ACTIVE_CONTENT_FORBIDDEN(422, "The CDA document holds, outside its encoded display form, markup that browsers or XML "
            + "processors act on: an element or attribute of XHTML, SVG, MathML, XSLT, XInclude, XLink or another active "
            + "namespace, or a processing instruction"),
    CONTROL_CHARACTER_FORBIDDEN(422, "The CDA document holds a control character (other than tab, line feed and carriage "
            + "return) in its text, attributes or comments"),

    // header content
    MISSING_REQUIRED_FIELD(422, "A required field of the document or its signature is missing"),
    INVALID_OID(422, "An identifier is not a valid OID"),
    INVALID_IDENTITY_CODE(422, "The personal identity code is not valid"),
    INVALID_FIELD_VALUE(422, "A field of the document or its signature has an invalid value"),
    INVALID_CODE(422, "A coded header value is not a code: codes are exact tokens of visible ASCII without whitespace"),
    DUPLICATE_ID(422, "An XML ID value occurs more than once in the document"),
    INVALID_BASE64(422, "A Base64 body part cannot be decoded"),

    // archive state
    DOCUMENT_CONFLICT(409, "A document with this OID already exists with different content"),
    VERSION_CONFLICT(409, "The version does not follow the current version of its set"),
    DOCUMENT_NULLIFIED(409, "The document has been nullified"),
    NULLIFICATION_REASON_REQUIRED(422, "A nullification needs a reason"),
    CORRECTION_REASON_REQUIRED(422, "A replacing version needs hl7fi:reasonOfCorrection"),
    STORAGE_UNAVAILABLE(503, "The archive's object store or database is unavailable or failed; retry later"),
    STORED_OBJECT_CORRUPT(500, "The stored object does not match its recorded SHA-256"),

    // signatures (trust)
    SIGNATURE_MISSING(422, "The document carries no signature"),
    SIGNATURE_INVALID(422, "A signature does not verify against the signed content"),
    SIGNATURE_UNTRUSTED(422, "The signing certificate does not chain to a trust anchor"),
    SIGNATURE_CERTIFICATE_EXPIRED(422, "The signing certificate was not valid at the signing time"),
    SIGNATURE_CERTIFICATE_REVOKED(422, "The signing certificate was revoked"),
    SIGNATURE_TIME_IN_FUTURE(422, "The signing time lies in the future"),
    SIGNATURE_TYPE_MISMATCH(422, "The signature type does not match its certificate"),
    PROFESSIONAL_SIGNATURE_REQUIRED(422, "This document type needs a valid professional signature"),
    SIGNATURE_KEY_TOO_WEAK(422, "A public key in the signing certificate's path is shorter than the archive accepts"),
    SIGNATURE_ALGORITHM_WEAK(422, "The signature or a certificate of its path uses a digest algorithm the archive refuses as weak"),
    SIGNATURE_KEY_USAGE_INVALID(422, "The signing certificate's key usage or extended key usage does not allow signing documents"),
    SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW(422, "The signing certificate expired before the document arrived, and the claimed "
            + "signing time lies further before the arrival than the archive allows"),
    SIGNATURE_ORGANISATION_MISMATCH(422, "The system signature belongs to an organisation that neither controls the register "
            + "nor acts for its controller"),

    // structure and display form
    UNKNOWN_CONTENT_SPECIFICATION(422, "The structure named by contentSpecificationId is not known"),
    STRUCTURE_INVALID(422, "The structured form does not conform to its structure"),
    HEADER_RULE_VIOLATED(422, "A header field required for the document group is missing"),
    IDENTITY_MISMATCH(422, "The header's client is not the client the signed content (structured or display form) names"),
    DISPLAY_FORM_CLIENT_MISSING(422, "The display form does not identify the client"),
    DOCUMENT_TYPE_MISMATCH(422, "The header's document type does not agree with the structure of the signed structured form"),
    DISPLAY_FORM_MISSING(422, "The document has no display form"),
    DISPLAY_FORM_MALFORMED(422, "The display form is not well-formed UTF-8 XHTML, or not of an accepted media type"),
    DISPLAY_FORM_UNSAFE(422, "The display form contains, read as XHTML or as HTML, scripts, event handlers, external "
            + "references or markup the two parsers read differently; or a PDF display form holds what a printable PDF/A "
            + "may not"),

    // message frames and packages (ingestion)
    FRAME_INVALID(422, "The HL7 v3 message frame is invalid"),
    FRAME_DOCUMENT_MISMATCH(422, "The message frame and the document disagree"),
    UNSUPPORTED_SERVICE_REQUEST(422, "The service request code is not supported"),
    PACKAGE_ENTRY_UNSAFE(422, "A package entry has an unsafe name or type"),
    PACKAGE_TOO_LARGE(422, "A package exceeds its size or compression limits"),
    INGESTION_FAILED(500, "The submission could not be processed after bounded retries; it was dead-lettered"),

    // the client's informing, consent and denial records, and register access agreements
    MISSING_REQUEST_FIELD(422, "A required field of the request body is missing"),
    INVALID_DATE(422, "A date is not a calendar day written YYYY-MM-DD"),
    DATE_IN_FUTURE(422, "The day lies after today"),
    INVALID_VALIDITY_PERIOD(422, "The validity period ends before it begins"),
    TEXT_TOO_LONG(422, "A free-text field is longer than allowed"),
    INVALID_SERVICE_TASK(422, "A service task is not a code of 1.2.246.537.6.1221.201601"),
    INVALID_DENIAL_TARGET(422, "A denial's target type is not DOCUMENT, SERVICE_TASK or CONTROLLER"),
    DENIED_DOCUMENT_UNKNOWN(422, "The document a denial names is not an archived document of this client"),
    INVALID_RECORD_ID(400, "A record identifier is not a UUID"),
    CLIENT_NOT_SERVED(403, "The acting organisation serves the client neither in an active client relationship nor under a register access right in effect"),
    USE_CONTEXT_NOT_FOR_CLIENT_RECORDS(403, "The use context is not one in which an organisation keeps its clients' informing, consent and denial records"),
    SHARING_RECORD_NOT_FOUND(404, "No such informing, consent or denial record of this client"),
    SHARING_RECORD_ALREADY_WITHDRAWN(409, "The record has already been withdrawn"),
    CLIENT_FACTS_UNREADABLE(500, "A client relationship document of the client cannot be read for the access facts"),
    AGREEMENT_ORGANISER_REQUIRED(403, "Only the organiser of a register access agreement may create or end it"),
    AGREEMENT_WITH_ITSELF(422, "The organiser and the provider of a register access agreement must be different organisations"),
    CONTRACT_REFERENCE_REQUIRED(422, "A register access agreement needs the reference of the contract it rests on"),
    AGREEMENT_END_IN_PAST(422, "Ending an agreement takes effect today or later, never retroactively"),
    AGREEMENT_NOT_FOUND(404, "No such register access agreement of the acting organisation"),
    AGREEMENT_OVERLAP(409, "An agreement between the organiser and the provider already covers some of these days and service tasks"),
    AGREEMENT_ALREADY_ENDED(409, "The register access agreement has already been ended"),

    // access decision: reading (a DenialReason of a single-document read, same name, status and title;
    // docs/access.md, "Reading one document")
    USE_CONTEXT_UNKNOWN(403, "The use context is not one the archive accepts"),
    USE_CONTEXT_NOT_FOR_OWN_REGISTER(403, "The use context does not cover the controller's own use of its register"),
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
    NON_DISCLOSURE_RIGHT_REQUIRED(403, "Data under non-disclosure for safety reasons needs a professional the client system asserts may process it"),
    CLIENT_NOT_INFORMED(403, "The client has not been informed about the archive, so nothing is disclosed to another controller"),
    NO_VALID_CONSENT(403, "The client has no valid consent to disclosing social welfare data"),
    NO_ACTIVE_CLIENT_RELATIONSHIP(403, "The requesting organisation has no active client relationship with the client"),
    DISCLOSURE_DENIED_DOCUMENT(403, "The client has denied disclosing this document"),
    DISCLOSURE_DENIED_SERVICE_TASK(403, "The client has denied disclosing documents of this service task"),
    DISCLOSURE_DENIED_CONTROLLER(403, "The client has denied disclosing this controller's documents"),
    OLD_DOCUMENT_NEEDS_BROAD_SEARCH(403, "Old documents are disclosed only to a broad search with a justification"),
    STAGE_ONE_DOCUMENT_NEEDS_BROAD_SEARCH(403, "Stage-1 documents are disclosed only to a broad search with a justification"),
    BROAD_SEARCH_JUSTIFICATION_UNKNOWN(403, "The broad-search justification is not a code the archive accepts"),
    // the archive's own: what a masked disclosure (Disclosure.STRUCTURED_FORM_MASKED) withholds
    PROTECTED_LOCATION_DATA_WITHHELD(403, "The document carries location data under non-disclosure for safety reasons: "
            + "only its metadata with the masked structured form is disclosed, never its original or display form"),
    // access decision: a client's document list (docs/access.md, "A client's document list")
    USE_CONTEXT_NOT_FOR_SHARING(403, "The use context is not a sharing one: searching other controllers' documents "
            + "(scope all-controllers) needs a use context for sharing"),
    USE_CONTEXT_NOT_FOR_REGISTER_LIST(403, "A sharing use context lists no register: it searches other controllers' "
            + "documents with scope all-controllers"),

    // access decision: archiving and nullifying (a DenialReason of a write, same name, status and title;
    // docs/access.md, "Archiving and nullifying")
    SHARING_ONLY_FOR_READS(403, "A sharing use context allows reading another controller's documents, not writing or listing its register"),
    EXTENSIVE_REGISTER_ACCESS_RIGHT_REQUIRED(403, "Only the extensive register access right lets a provider write client relationship and case documents"),
    DOCUMENT_GROUP_NOT_ARCHIVABLE_BY_PROVIDER(403, "A provider may not write documents of this document group into the organiser's register"),
    AUTHOR_ORGANISATION_NOT_PROVIDER(403, "A document written under a register access right must name the provider as the author's organisation"),
    REPLACED_VERSION_NOT_BY_PROVIDER(403, "A provider replaces or nullifies only versions it archived itself into the organiser's register"),
    LOCATION_DATA_UNDER_NON_DISCLOSURE(422, "The client is under non-disclosure for safety reasons: location data belongs only in the organiser's client relationship document"),

    // a client's log extract (docs/access.md, "Log extracts")
    ACCESS_LOG_REASON_REQUIRED(400, "A log extract reaching further back than two years needs a stated reason (the "
            + "reason parameter)"),
    ACCESS_LOG_TOO_LARGE(422, "The log extract holds more entries than one letter may: ask for a shorter period"),
    CITIZEN_DEV_LOGIN_REAL_IDENTITY_CODE(422, "The development login signs tokens for test identity codes only "
            + "(individual number 900-999), never a real person's"),
    CITIZEN_ACCESS_LOG_TOO_OLD(400, "The citizen's own log extract reaches back two years at most: older logs are "
            + "asked from the controller of the data"),
    // the citizen API: bearer tokens (docs/access.md, "The citizen API")
    CITIZEN_API_NOT_CONFIGURED(503, "No issuer of citizens' bearer tokens is configured, so the citizen API trusts no token"),
    CITIZEN_ISSUER_UNAVAILABLE(503, "The issuer of citizens' bearer tokens cannot be reached for its keys; retry later"),
    CITIZEN_TOKEN_MISSING(401, "The citizen API needs a bearer token (Authorization: Bearer) of a trusted issuer"),
    CITIZEN_TOKEN_INVALID(401, "The bearer token is not a well-formed JWT signed by a trusted issuer of citizens' tokens"),
    CITIZEN_TOKEN_EXPIRED(401, "The bearer token has expired, is not yet valid or has no expiry time"),
    CITIZEN_IDENTITY_CLAIM_MISSING(401, "The bearer token carries no personal identity code in the configured claim"),
    CITIZEN_IDENTITY_CLAIM_INVALID(401, "The bearer token's identity claim is not a valid Finnish personal identity code"),
    // access decision: the citizen's view (a DenialReason of a citizen's read, same name, status and title)
    NOT_THE_CLIENTS_DOCUMENT(403, "The document neither belongs to the client nor to a mutual case the client is a party of"),
    MUTUAL_CASE_BEFORE_PARTY_JOINED(403, "The mutual-case document dates from before the client became a party"),
    MUTUAL_CASE_AFTER_PARTY_LEFT(403, "The mutual-case document dates from after the client left the case"),
    CITIZEN_OLD_DOCUMENT(403, "Old documents are never shown to the citizen"),
    CITIZEN_STAGE_ONE_DOCUMENT(403, "Stage-1 documents are never shown to the citizen"),
    CITIZEN_INACCESSIBLE_ARGUMENT(403, "A professional has marked the document not to be shown to the client"),
    CITIZEN_AUTHORIZATION_RESTRICTION(403, "A professional has delayed showing the document to the client"),
    CITIZEN_SHELTER_SERVICE(403, "Shelter service documents are not shown to the citizen"),
    CITIZEN_INTIMATE_PARTNER_VIOLENCE(403, "Documents on preventing intimate-partner violence are not shown to the citizen"),
    CITIZEN_PAYMENT_COMMITMENT(403, "Payment commitments are not shown to the citizen"),
    CITIZEN_OTHER_PARTY_NON_DISCLOSURE(403, "The document carries location data and another party of the case is under non-disclosure for safety reasons"),
    GUARDIAN_CLIENT_NOT_A_MINOR(403, "A guardian may view only a minor's data"),
    GUARDIAN_BLOCKED_BY_NON_DISCLOSURE(403, "A minor under non-disclosure for safety reasons cannot be acted for"),
    MINOR_REFUSED_DISCLOSURE_TO_GUARDIAN(403, "The minor has refused disclosing the document to the guardians"),
    MINOR_DISCLOSURE_NOT_RECORDED(403, "The document does not record whether the minor allows disclosing it to the guardians"),
    // the citizen API, before the citizen's view: whom the token lets the citizen act for
    GUARDIANSHIP_NOT_ASSERTED(403, "The bearer token does not vouch that the citizen is a guardian of this person"),

    // organisation registry and deployment tests
    ORGANISATION_NOT_FOUND(404, "No such organisation in the registry"),
    ORGANISATION_CONFLICT(409, "Another organisation of the registry has this OID or business id, or the organisation has others"),
    DEPLOYMENT_TEST_NOT_FOUND(404, "No such deployment test"),
    DEPLOYMENT_TEST_STATE_CONFLICT(409, "The deployment test is not in a state that allows this step"),
    REAL_IDENTITY_CODE_IN_TEST(422, "A deployment test document carries a real personal identity code"),
    REGISTER_ACCESS_REQUEST_NOT_FOUND(404, "No such register access request of the acting organisation"),
    REGISTER_ACCESS_NOT_ACTIVE(409, "The register access agreement of this request is not in effect: it is still being "
            + "enabled, or has ended"),

    // legacy migration
    LEGACY_ROW_INVALID(422, "A manifest row is invalid"),
    LEGACY_FILE_MISSING(422, "The file named by a manifest row is missing or unreadable"),
    LEGACY_DUPLICATE_ID(422, "The legacy id was already used for different content"),
    LEGACY_PACKAGE_NOT_FOUND(422, "No legacy package directory or ZIP file of this name exists"),
    LEGACY_PACKAGE_UNREADABLE(422, "The legacy package is neither a readable directory nor a readable ZIP file"),
    LEGACY_MANIFEST_MISSING(422, "The legacy package has no manifest.csv at its top level"),
    LEGACY_MANIFEST_INVALID(422, "The manifest cannot be read as a whole (header, quoting or encoding)"),
    MIGRATION_SIGNER_MISSING(422, "No system signer is configured to sign the migrated documents"),
    MIGRATION_ALREADY_RUNNING(409, "This package is being migrated for this controller right now"),
    MIGRATION_ALREADY_COMPLETED(409, "This package has already been migrated for this controller"),
    MIGRATION_NOT_FOUND(404, "No such migration of the acting organisation"),

    // controller changes
    REGISTER_CONTROLLER_CHANGED(403, "The register has passed to a new controller in a controller change; its former controller no longer uses it as its own"),
    ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE(503, "Archiving into this register is paused while its controller changes; retry after Retry-After seconds"),
    CONTROLLER_CHANGE_NOT_FOUND(404, "No such controller change"),
    CONTROLLER_CHANGE_CONFLICT(409, "Another controller change of this register is not yet completed");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }

    /**
     * Whether this is no verdict on the submission but a state of the archive that passes: the storage unavailable,
     * or archiving into the register paused by a controller change. A channel whose sender waits (the queue, the file
     * drop) retries it on its transient path instead of recording a refusal (docs/running.md, "Operations").
     */
    public boolean passes() {
        return this == STORAGE_UNAVAILABLE || this == ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE;
    }
}
