package fi.arkisto.app.api.problem;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.problem.Problems;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static fi.arkisto.store.error.ErrorCode.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue of error codes, one row per {@link ErrorCode}: its HTTP status, the words its title must contain
 * (so the title describes this code, not another), and the operations that can answer it (as a problem, or in an
 * HL7 acknowledgement), which the OpenAPI description must name on exactly those operations. A code without a row fails the test: whoever adds a code
 * decides its row here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorCodeCatalogueTest extends ApiIntegrationTest {

    // the operations of the API, as "METHOD path" of the OpenAPI description
    private static final String ARCHIVE = "post /api/v1/documents";
    private static final String ORIGINAL = "get /api/v1/documents/{oid}";
    private static final String METADATA = "get /api/v1/documents/{oid}/metadata";
    private static final String DISPLAY = "get /api/v1/documents/{oid}/display";
    private static final String NULLIFY = "post /api/v1/documents/{oid}/nullification";
    private static final String CLIENT_DOCUMENTS = "get /api/v1/clients/{clientId}/documents";
    private static final String ACCESS_LOG = "get /api/v1/clients/{clientId}/access-log";
    private static final String AUDIT = "get /api/v1/audit/verification";
    private static final String MESSAGES = "post /api/v1/messages";
    private static final String LAUNCH_MIGRATION = "post /api/v1/migrations";
    private static final String MIGRATION = "get /api/v1/migrations/{jobExecutionId}";
    private static final String ORGANISATIONS = "get /api/v1/organisations";
    private static final String ORGANISATION = "get /api/v1/organisations/{id}";
    private static final String REGISTER_DEPLOYMENT_TEST = "post /api/v1/deployment-tests";
    private static final String DEPLOYMENT_TEST = "get /api/v1/deployment-tests/{id}";
    private static final String CLIENT_RECORDS = "/api/v1/clients/{clientId}/";
    private static final String RECORD_INFORMING = "post " + CLIENT_RECORDS + "informing";
    private static final String INFORMING = "get " + CLIENT_RECORDS + "informing";
    private static final String WITHDRAW_INFORMING = "post " + CLIENT_RECORDS + "informing/{recordId}/withdrawal";
    private static final String RECORD_CONSENT = "post " + CLIENT_RECORDS + "consents";
    private static final String CONSENTS = "get " + CLIENT_RECORDS + "consents";
    private static final String WITHDRAW_CONSENT = "post " + CLIENT_RECORDS + "consents/{recordId}/withdrawal";
    private static final String RECORD_DENIAL = "post " + CLIENT_RECORDS + "denials";
    private static final String DENIALS = "get " + CLIENT_RECORDS + "denials";
    private static final String WITHDRAW_DENIAL = "post " + CLIENT_RECORDS + "denials/{recordId}/withdrawal";
    private static final String CREATE_AGREEMENT = "post /api/v1/register-access-agreements";
    private static final String AGREEMENTS = "get /api/v1/register-access-agreements";
    private static final String AGREEMENT = "get /api/v1/register-access-agreements/{id}";
    private static final String END_AGREEMENT = "post /api/v1/register-access-agreements/{id}/end";
    private static final String REQUEST_CONTROLLER_CHANGE = "post /api/v1/controller-changes";
    private static final String CONTROLLER_CHANGE = "get /api/v1/controller-changes/{id}";
    private static final Set<String> CONTROLLER_CHANGES = Set.of(REQUEST_CONTROLLER_CHANGE, CONTROLLER_CHANGE);
    private static final String REQUEST_ACCESS = "post /api/v1/register-access-lifecycles";
    private static final String ACCESS_LIFECYCLE = "get /api/v1/register-access-lifecycles/{requestId}";
    private static final String END_ACCESS = "post /api/v1/register-access-lifecycles/{requestId}/end";
    private static final String CITIZEN_DOCUMENTS = "get /api/v1/citizen/documents";
    private static final String CITIZEN_METADATA = "get /api/v1/citizen/documents/{oid}";
    private static final String CITIZEN_DISPLAY = "get /api/v1/citizen/documents/{oid}/display";
    /** The citizen API, with the citizen's bearer token (docs/access.md, "The citizen API"). */
    private static final String CITIZEN_ACCESS_LOG = "get /api/v1/citizen/access-log";
    /** The citizen's reads of their documents. */
    private static final Set<String> CITIZEN_DOCUMENT_READS = Set.of(CITIZEN_DOCUMENTS, CITIZEN_METADATA, CITIZEN_DISPLAY);
    private static final Set<String> CITIZEN = union(CITIZEN_DOCUMENT_READS, Set.of(CITIZEN_ACCESS_LOG));
    /** A citizen's reads of one document, which the citizen's view decides. */
    private static final Set<String> CITIZEN_READS = Set.of(CITIZEN_METADATA, CITIZEN_DISPLAY);

    /** A client's informing, consent and denial records. */
    private static final Set<String> SHARING_RECORDS = Set.of(RECORD_INFORMING, INFORMING, WITHDRAW_INFORMING,
            RECORD_CONSENT, CONSENTS, WITHDRAW_CONSENT, RECORD_DENIAL, DENIALS, WITHDRAW_DENIAL);
    private static final Set<String> RECORDINGS = Set.of(RECORD_INFORMING, RECORD_CONSENT, RECORD_DENIAL);
    private static final Set<String> WITHDRAWALS = Set.of(WITHDRAW_INFORMING, WITHDRAW_CONSENT, WITHDRAW_DENIAL);
    /** The operations of the records and agreements that take a JSON body. */
    private static final Set<String> RECORD_BODIES = union(RECORDINGS, WITHDRAWALS, Set.of(CREATE_AGREEMENT, END_AGREEMENT,
            REQUEST_ACCESS, END_ACCESS));
    private static final Set<String> AGREEMENT_OPERATIONS = Set.of(CREATE_AGREEMENT, AGREEMENTS, AGREEMENT, END_AGREEMENT,
            REQUEST_ACCESS, ACCESS_LIFECYCLE, END_ACCESS);
    /** The client systems' operations. */
    private static final Set<String> PROFESSIONAL = union(Set.of(ARCHIVE, ORIGINAL, METADATA, DISPLAY, NULLIFY, CLIENT_DOCUMENTS,
            ACCESS_LOG, AUDIT, MESSAGES, LAUNCH_MIGRATION, MIGRATION, ORGANISATIONS, ORGANISATION, REGISTER_DEPLOYMENT_TEST,
            DEPLOYMENT_TEST), SHARING_RECORDS, AGREEMENT_OPERATIONS, CONTROLLER_CHANGES);
    private static final Set<String> ALL = union(PROFESSIONAL, CITIZEN);
    /** The operations that take the request context headers (the messages carry it in their frame). */
    private static final Set<String> WITH_CONTEXT = union(Set.of(ARCHIVE, ORIGINAL, METADATA, DISPLAY, NULLIFY,
            CLIENT_DOCUMENTS, ACCESS_LOG, LAUNCH_MIGRATION, MIGRATION, REGISTER_DEPLOYMENT_TEST, DEPLOYMENT_TEST), SHARING_RECORDS,
            AGREEMENT_OPERATIONS, CONTROLLER_CHANGES);
    /** Codes no operation answers: reject reasons of the file drop, the queue and the migration's reject report. */
    private static final Set<String> NO_OPERATION = Set.of();
    /** The reads of one document by identifier, which the access decision decides (docs/access.md). */
    private static final Set<String> READS = Set.of(ORIGINAL, METADATA, DISPLAY);
    /** Codes a document can be refused with, through POST /api/v1/documents and in a message's acknowledgement. */
    private static final Set<String> DOCUMENT_CHECK = Set.of(ARCHIVE, MESSAGES);
    /** The writes the access decision decides: archiving and nullifying (a message may do either). */
    private static final Set<String> WRITES = Set.of(ARCHIVE, MESSAGES, NULLIFY);
    /** The access decision's register-access codes, which reads and writes alike answer. */
    private static final Set<String> READS_AND_WRITES = union(READS, WRITES);

    private record Row(int status, List<String> titleWords, Set<String> operations) {
    }

    private static final Map<ErrorCode, Row> CATALOGUE = new EnumMap<>(ErrorCode.class);

    private static void row(ErrorCode code, int status, String titleWords, Set<String> operations) {
        assertThat(CATALOGUE.put(code, new Row(status, List.of(titleWords.split(",\\s*")), operations)))
                .as("one row per code: " + code).isNull();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return Arrays.stream(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> plus(Set<String> base, String... more) {
        return Stream.concat(base.stream(), Arrays.stream(more)).collect(Collectors.toUnmodifiableSet());
    }

    static {
        // request, context, access
        row(MISSING_REQUEST_CONTEXT, 400, "request context, required", WITH_CONTEXT);
        row(INVALID_REQUEST_CONTEXT, 400, "request context, invalid", WITH_CONTEXT);
        row(INVALID_REQUEST, 400, "parameter, body, invalid",
                union(Set.of(DISPLAY, NULLIFY, CLIENT_DOCUMENTS, ACCESS_LOG, MESSAGES, LAUNCH_MIGRATION, MIGRATION, ORGANISATION,
                        REGISTER_DEPLOYMENT_TEST, CITIZEN_DOCUMENTS, CITIZEN_DISPLAY, CITIZEN_ACCESS_LOG,
                        REQUEST_CONTROLLER_CHANGE), RECORD_BODIES));
        row(MALFORMED_JSON, 400, "not well-formed JSON",
                union(Set.of(NULLIFY, LAUNCH_MIGRATION, REGISTER_DEPLOYMENT_TEST, REQUEST_CONTROLLER_CHANGE), RECORD_BODIES));
        row(UNSUPPORTED_MEDIA_TYPE, 415, "content type, not accepted",
                union(Set.of(ARCHIVE, NULLIFY, MESSAGES, LAUNCH_MIGRATION, REGISTER_DEPLOYMENT_TEST,
                        REQUEST_CONTROLLER_CHANGE), RECORD_BODIES));
        row(NOT_ACCEPTABLE, 406, "accepted media types", ALL);
        row(ACCESS_DENIED, 403, "access denied, client system, organisation, purpose of use", PROFESSIONAL);
        row(DOCUMENT_NOT_FOUND, 404, "no such document", union(Set.of(ORIGINAL, METADATA, DISPLAY, NULLIFY, MESSAGES),
                CITIZEN_READS));
        row(MIGRATION_NOT_FOUND, 404, "no such migration", Set.of(MIGRATION));
        // controller changes
        row(REGISTER_CONTROLLER_CHANGED, 403, "passed to a new controller, controller change", READS_AND_WRITES);
        row(ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE, 503, "archiving, paused, controller changes, retry", DOCUMENT_CHECK);
        row(CONTROLLER_CHANGE_NOT_FOUND, 404, "no such controller change", Set.of(CONTROLLER_CHANGE));
        row(CONTROLLER_CHANGE_CONFLICT, 409, "another controller change, not yet completed",
                Set.of(REQUEST_CONTROLLER_CHANGE));
        // answered at any path under /api; named in the description's introduction, as no operation exists for them
        row(PATH_NOT_FOUND, 404, "no API operation, path", NO_OPERATION);
        row(METHOD_NOT_ALLOWED, 405, "HTTP method", NO_OPERATION);
        row(AUTHENTICATION_REQUIRED, 401, "must authenticate", PROFESSIONAL);
        // the client certificate, judged before any operation is reached
        row(CLIENT_CERTIFICATE_UNTRUSTED, 401, "client certificate, trusted issuer, client authentication", PROFESSIONAL);
        row(CLIENT_CERTIFICATE_EXPIRED, 401, "client certificate, validity period, expired", PROFESSIONAL);
        row(CLIENT_CERTIFICATE_REVOKED, 401, "client certificate, revoked", PROFESSIONAL);
        row(CLIENT_CERTIFICATE_WITHOUT_ORGANISATION, 401, "client certificate, no organisation, serialNumber", PROFESSIONAL);
        row(CLIENT_CERTIFICATE_MALFORMED, 400, "client certificate, reverse proxy, cannot be read", PROFESSIONAL);
        row(INTERNAL_ERROR, 500, "failed to process", ALL);

        // hostile or malformed XML
        row(MALFORMED_XML, 422, "not well-formed XML", DOCUMENT_CHECK);
        row(XML_DTD_FORBIDDEN, 422, "document type declarations, entities", DOCUMENT_CHECK);
        row(XML_TOO_DEEP, 422, "nesting, depth", DOCUMENT_CHECK);
        row(DOCUMENT_TOO_LARGE, 413, "document, size", DOCUMENT_CHECK);
        row(NOT_A_CDA_DOCUMENT, 422, "not an HL7 CDA", DOCUMENT_CHECK);
        row(ACTIVE_CONTENT_FORBIDDEN, 422, "markup, browsers", DOCUMENT_CHECK);
        row(CONTROL_CHARACTER_FORBIDDEN, 422, "control character", DOCUMENT_CHECK);

        // header content
        row(MISSING_REQUIRED_FIELD, 422, "required field, missing", DOCUMENT_CHECK);
        row(INVALID_OID, 422, "not a valid OID",
                plus(DOCUMENT_CHECK, ORIGINAL, METADATA, DISPLAY, NULLIFY, LAUNCH_MIGRATION, REGISTER_DEPLOYMENT_TEST,
                        RECORD_DENIAL, CREATE_AGREEMENT, REQUEST_ACCESS, AGREEMENTS, CITIZEN_METADATA, CITIZEN_DISPLAY,
                        REQUEST_CONTROLLER_CHANGE));
        row(INVALID_IDENTITY_CODE, 422, "personal identity code, not valid",
                union(plus(DOCUMENT_CHECK, CLIENT_DOCUMENTS, ACCESS_LOG), SHARING_RECORDS, CITIZEN_DOCUMENT_READS));
        row(INVALID_FIELD_VALUE, 422, "field, invalid value", plus(DOCUMENT_CHECK, REGISTER_DEPLOYMENT_TEST));
        row(INVALID_BASE64, 422, "Base64", DOCUMENT_CHECK);
        row(INVALID_CODE, 422, "coded header value, not a code", DOCUMENT_CHECK);
        row(DUPLICATE_ID, 422, "XML ID, more than once", DOCUMENT_CHECK);

        // archive state
        row(DOCUMENT_CONFLICT, 409, "already exists, different content", DOCUMENT_CHECK);
        row(VERSION_CONFLICT, 409, "version, current version", DOCUMENT_CHECK);
        row(DOCUMENT_NULLIFIED, 409, "nullified", plus(DOCUMENT_CHECK, NULLIFY));
        row(NULLIFICATION_REASON_REQUIRED, 422, "nullification, reason", Set.of(NULLIFY, MESSAGES));
        row(CORRECTION_REASON_REQUIRED, 422, "replacing version, reasonOfCorrection", DOCUMENT_CHECK);
        row(STORAGE_UNAVAILABLE, 503, "object store, database, unavailable, retry", ALL);
        // a read by identifier verifies the stored object for the document's access facts, metadata reads included
        row(STORED_OBJECT_CORRUPT, 500, "stored object, SHA-256", union(READS, CITIZEN_READS));

        // signatures
        row(SIGNATURE_MISSING, 422, "no signature", DOCUMENT_CHECK);
        row(SIGNATURE_INVALID, 422, "signature, does not verify", DOCUMENT_CHECK);
        row(SIGNATURE_UNTRUSTED, 422, "certificate, trust anchor", DOCUMENT_CHECK);
        row(SIGNATURE_CERTIFICATE_EXPIRED, 422, "certificate, not valid at the signing time", DOCUMENT_CHECK);
        row(SIGNATURE_CERTIFICATE_REVOKED, 422, "certificate, revoked", DOCUMENT_CHECK);
        row(SIGNATURE_TIME_IN_FUTURE, 422, "signing time, future", DOCUMENT_CHECK);
        row(SIGNATURE_TYPE_MISMATCH, 422, "signature type, certificate", DOCUMENT_CHECK);
        row(SIGNATURE_KEY_TOO_WEAK, 422, "public key, shorter", DOCUMENT_CHECK);
        row(SIGNATURE_ALGORITHM_WEAK, 422, "digest algorithm, weak", DOCUMENT_CHECK);
        row(SIGNATURE_KEY_USAGE_INVALID, 422, "key usage, signing", DOCUMENT_CHECK);
        row(SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW, 422, "certificate expired, arrived", DOCUMENT_CHECK);
        row(SIGNATURE_ORGANISATION_MISMATCH, 422, "system signature, organisation", DOCUMENT_CHECK);
        row(PROFESSIONAL_SIGNATURE_REQUIRED, 422, "professional signature", DOCUMENT_CHECK);

        // structure and display form
        row(UNKNOWN_CONTENT_SPECIFICATION, 422, "structure, contentSpecificationId, not known", DOCUMENT_CHECK);
        row(STRUCTURE_INVALID, 422, "structured form, does not conform", DOCUMENT_CHECK);
        row(HEADER_RULE_VIOLATED, 422, "header field, document group", DOCUMENT_CHECK);
        row(IDENTITY_MISMATCH, 422, "header's client, signed content", DOCUMENT_CHECK);
        row(DISPLAY_FORM_MISSING, 422, "no display form", plus(DOCUMENT_CHECK, DISPLAY, CITIZEN_DISPLAY));
        row(DISPLAY_FORM_MALFORMED, 422, "display form, not well-formed", plus(DOCUMENT_CHECK, DISPLAY, CITIZEN_DISPLAY));
        row(DISPLAY_FORM_UNSAFE, 422, "display form, scripts", plus(DOCUMENT_CHECK, DISPLAY, CITIZEN_DISPLAY));
        row(DISPLAY_FORM_CLIENT_MISSING, 422, "display form, client", DOCUMENT_CHECK);
        row(DOCUMENT_TYPE_MISMATCH, 422, "document type, structured form", DOCUMENT_CHECK);

        // message frames and packages
        row(FRAME_INVALID, 422, "message frame, invalid", Set.of(MESSAGES));
        row(FRAME_DOCUMENT_MISMATCH, 422, "message frame, document, disagree", Set.of(MESSAGES));
        row(UNSUPPORTED_SERVICE_REQUEST, 422, "service request, not supported", Set.of(MESSAGES));
        row(PACKAGE_ENTRY_UNSAFE, 422, "package entry, unsafe", Set.of(LAUNCH_MIGRATION));
        row(PACKAGE_TOO_LARGE, 422, "package, size", NO_OPERATION);
        row(INGESTION_FAILED, 500, "retries, dead-lettered", NO_OPERATION);

        // access decision: reading one document (each the twin of a DenialReason, docs/access.md)
        row(USE_CONTEXT_UNKNOWN, 403, "use context, not one the archive accepts", plus(READS_AND_WRITES, CLIENT_DOCUMENTS));
        row(USE_CONTEXT_NOT_FOR_OWN_REGISTER, 403, "use context, controller's own use", READS_AND_WRITES);
        row(NO_ACCESS_TO_REGISTER, 403, "not the register's controller, no register access right", READS_AND_WRITES);
        row(REGISTER_ACCESS_RIGHT_NOT_STARTED, 403, "register access right, not started, begins later", READS_AND_WRITES);
        row(REGISTER_ACCESS_RIGHT_ENDED, 403, "register access right, has ended", READS_AND_WRITES);
        row(REGISTER_ACCESS_OTHER_SERVICE_TASK, 403, "register access right, another service task", READS_AND_WRITES);
        row(REGISTER_ACCESS_AGREEMENT_MISSING, 403, "organiser, provider, not enabled", READS_AND_WRITES);
        row(REGISTER_ACCESS_AGREEMENT_OTHER_SERVICE_TASK, 403, "agreement, other service tasks only", READS_AND_WRITES);
        row(REGISTER_ACCESS_AGREEMENT_ENDED, 403, "ended their register access agreement", READS_AND_WRITES);
        row(REGISTER_ACCESS_TEST_REAL_IDENTITY_CODE, 403, "deployment test, organiser, provider, test identity codes only",
                READS_AND_WRITES);
        row(REGISTER_ACCESS_TEST_WINDOW_NOT_OPEN, 403, "deployment test, test window, not open", READS_AND_WRITES);
        row(REGISTER_ACCESS_DOCUMENT_BEFORE_PERIOD, 403, "document, before, client relationship began", READS);
        row(NON_DISCLOSURE_RIGHT_REQUIRED, 403, "non-disclosure, asserts, may process", union(READS, DOCUMENT_CHECK));
        row(CLIENT_NOT_INFORMED, 403, "not been informed", READS);
        row(NO_VALID_CONSENT, 403, "no valid consent", READS);
        row(NO_ACTIVE_CLIENT_RELATIONSHIP, 403, "no active client relationship", READS);
        row(DISCLOSURE_DENIED_DOCUMENT, 403, "denied disclosing this document", READS);
        row(DISCLOSURE_DENIED_SERVICE_TASK, 403, "denied disclosing, service task", READS);
        row(DISCLOSURE_DENIED_CONTROLLER, 403, "denied disclosing, controller's documents", READS);
        row(OLD_DOCUMENT_NEEDS_BROAD_SEARCH, 403, "old documents, broad search, justification", READS);
        row(STAGE_ONE_DOCUMENT_NEEDS_BROAD_SEARCH, 403, "stage-1 documents, broad search, justification", READS);
        row(BROAD_SEARCH_JUSTIFICATION_UNKNOWN, 403, "broad-search justification, not a code",
                plus(READS, CLIENT_DOCUMENTS));
        row(PROTECTED_LOCATION_DATA_WITHHELD, 403,
                "location data, non-disclosure, masked structured form, never its original or display form",
                Set.of(ORIGINAL, DISPLAY));

        // access decision: a client's document list (docs/access.md)
        row(USE_CONTEXT_NOT_FOR_SHARING, 403, "not a sharing one, other controllers, all-controllers",
                Set.of(CLIENT_DOCUMENTS));
        row(USE_CONTEXT_NOT_FOR_REGISTER_LIST, 403, "sharing use context, lists no register, all-controllers",
                Set.of(CLIENT_DOCUMENTS));

        // access decision: archiving and nullifying (docs/access.md)
        row(SHARING_ONLY_FOR_READS, 403, "sharing use context, reading, not writing", WRITES);
        row(EXTENSIVE_REGISTER_ACCESS_RIGHT_REQUIRED, 403, "extensive register access right, client relationship, case documents",
                WRITES);
        row(DOCUMENT_GROUP_NOT_ARCHIVABLE_BY_PROVIDER, 403, "provider, document group", WRITES);
        row(AUTHOR_ORGANISATION_NOT_PROVIDER, 403, "name the provider, author's organisation", WRITES);
        row(REPLACED_VERSION_NOT_BY_PROVIDER, 403, "provider, replaces or nullifies, archived itself", WRITES);
        row(LOCATION_DATA_UNDER_NON_DISCLOSURE, 422, "non-disclosure, location data, client relationship document",
                DOCUMENT_CHECK);

        // a client's log extract (docs/access.md, "Log extracts")
        row(ACCESS_LOG_REASON_REQUIRED, 400, "log extract, two years, reason", Set.of(ACCESS_LOG));
        row(ACCESS_LOG_TOO_LARGE, 422, "log extract, letter, shorter period", Set.of(ACCESS_LOG));
        // the dev profile's login of the citizen's page, in no OpenAPI operation (docs/running.md, "The citizen's page")
        row(CITIZEN_DEV_LOGIN_REAL_IDENTITY_CODE, 422, "development login, test identity codes only, never a real person",
                NO_OPERATION);
        row(CITIZEN_ACCESS_LOG_TOO_OLD, 400, "citizen's own log extract, two years, controller", Set.of(CITIZEN_ACCESS_LOG));

        // the citizen API: its bearer tokens, and the citizen's view (each the twin of a DenialReason)
        row(CITIZEN_API_NOT_CONFIGURED, 503, "no issuer, configured, trusts no token", CITIZEN);
        row(CITIZEN_ISSUER_UNAVAILABLE, 503, "issuer, cannot be reached, keys, retry", CITIZEN);
        row(CITIZEN_TOKEN_MISSING, 401, "bearer token, trusted issuer", CITIZEN);
        row(CITIZEN_TOKEN_INVALID, 401, "not a well-formed JWT, signed, trusted issuer", CITIZEN);
        row(CITIZEN_TOKEN_EXPIRED, 401, "expired, not yet valid, no expiry time", CITIZEN);
        row(CITIZEN_IDENTITY_CLAIM_MISSING, 401, "no personal identity code, configured claim", CITIZEN);
        row(CITIZEN_IDENTITY_CLAIM_INVALID, 401, "identity claim, not a valid Finnish personal identity code", CITIZEN);
        row(NOT_THE_CLIENTS_DOCUMENT, 403, "neither belongs to the client, mutual case", CITIZEN_READS);
        row(MUTUAL_CASE_BEFORE_PARTY_JOINED, 403, "mutual-case document, before, became a party", CITIZEN_READS);
        row(MUTUAL_CASE_AFTER_PARTY_LEFT, 403, "mutual-case document, after, left the case", CITIZEN_READS);
        row(CITIZEN_OLD_DOCUMENT, 403, "old documents, never shown to the citizen", CITIZEN_READS);
        row(CITIZEN_STAGE_ONE_DOCUMENT, 403, "stage-1 documents, never shown to the citizen", CITIZEN_READS);
        row(CITIZEN_INACCESSIBLE_ARGUMENT, 403, "professional, marked, not to be shown", CITIZEN_READS);
        row(CITIZEN_AUTHORIZATION_RESTRICTION, 403, "professional, delayed showing", CITIZEN_READS);
        row(CITIZEN_SHELTER_SERVICE, 403, "shelter service, not shown", CITIZEN_READS);
        row(CITIZEN_INTIMATE_PARTNER_VIOLENCE, 403, "intimate-partner violence, not shown", CITIZEN_READS);
        row(CITIZEN_PAYMENT_COMMITMENT, 403, "payment commitments, not shown", CITIZEN_READS);
        row(CITIZEN_OTHER_PARTY_NON_DISCLOSURE, 403, "location data, another party, non-disclosure", CITIZEN_READS);
        // a guardian on a minor's behalf: whom the token vouches for, then the citizen's view
        row(GUARDIANSHIP_NOT_ASSERTED, 403, "token, vouch, guardian", CITIZEN_DOCUMENT_READS);
        row(GUARDIAN_CLIENT_NOT_A_MINOR, 403, "guardian, only a minor's data", CITIZEN_READS);
        row(GUARDIAN_BLOCKED_BY_NON_DISCLOSURE, 403, "minor, non-disclosure, cannot be acted for", CITIZEN_READS);
        row(MINOR_REFUSED_DISCLOSURE_TO_GUARDIAN, 403, "minor, refused, guardians", CITIZEN_READS);
        row(MINOR_DISCLOSURE_NOT_RECORDED, 403, "does not record, minor allows, guardians", CITIZEN_READS);

        // organisation registry and deployment tests
        row(ORGANISATION_NOT_FOUND, 404, "no such organisation", Set.of(ORGANISATION, REGISTER_DEPLOYMENT_TEST));
        row(ORGANISATION_CONFLICT, 409, "another organisation, OID, business id", Set.of(REGISTER_DEPLOYMENT_TEST));
        row(DEPLOYMENT_TEST_NOT_FOUND, 404, "no such deployment test", Set.of(DEPLOYMENT_TEST));
        row(DEPLOYMENT_TEST_STATE_CONFLICT, 409, "deployment test, state", Set.of(REGISTER_DEPLOYMENT_TEST));
        row(REAL_IDENTITY_CODE_IN_TEST, 422, "deployment test document, real personal identity code", DOCUMENT_CHECK);

        // the client's informing, consent and denial records (docs/access.md)
        row(MISSING_REQUEST_FIELD, 422, "required field, request body, missing", Set.of(RECORD_DENIAL, CREATE_AGREEMENT,
                REQUEST_ACCESS, REQUEST_CONTROLLER_CHANGE));
        row(INVALID_DATE, 422, "date, calendar day, YYYY-MM-DD", union(RECORDINGS, Set.of(CREATE_AGREEMENT, END_AGREEMENT,
                REQUEST_ACCESS, END_ACCESS, REQUEST_CONTROLLER_CHANGE)));
        row(DATE_IN_FUTURE, 422, "day, after today", Set.of(RECORD_INFORMING));
        row(INVALID_VALIDITY_PERIOD, 422, "validity period, ends before it begins",
                Set.of(RECORD_CONSENT, RECORD_DENIAL, CREATE_AGREEMENT, REQUEST_ACCESS));
        row(TEXT_TOO_LONG, 422, "free-text, longer", RECORD_BODIES);
        row(INVALID_SERVICE_TASK, 422, "service task, 1.2.246.537.6.1221.201601", Set.of(RECORD_DENIAL, CREATE_AGREEMENT,
                REQUEST_ACCESS));
        row(INVALID_DENIAL_TARGET, 422, "denial's target, DOCUMENT, SERVICE_TASK, CONTROLLER", Set.of(RECORD_DENIAL));
        row(DENIED_DOCUMENT_UNKNOWN, 422, "denial names, not an archived document of this client", Set.of(RECORD_DENIAL));
        row(INVALID_RECORD_ID, 400, "record identifier, UUID", union(WITHDRAWALS, Set.of(AGREEMENT, END_AGREEMENT)));
        row(CLIENT_NOT_SERVED, 403, "serves the client, client relationship, register access right", SHARING_RECORDS);
        row(USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, 403, "use context, informing, consent, denial records", SHARING_RECORDS);
        row(SHARING_RECORD_NOT_FOUND, 404, "no such informing, consent or denial record", WITHDRAWALS);
        row(SHARING_RECORD_ALREADY_WITHDRAWN, 409, "already been withdrawn", WITHDRAWALS);
        row(CLIENT_FACTS_UNREADABLE, 500, "client relationship document, cannot be read, access facts",
                union(SHARING_RECORDS, READS_AND_WRITES, Set.of(CLIENT_DOCUMENTS), CITIZEN_DOCUMENT_READS));

        // register access agreements (docs/access.md)
        row(AGREEMENT_ORGANISER_REQUIRED, 403, "only the organiser, register access agreement",
                Set.of(CREATE_AGREEMENT, END_AGREEMENT, REQUEST_ACCESS));
        row(AGREEMENT_WITH_ITSELF, 422, "organiser, provider, different organisations",
                Set.of(CREATE_AGREEMENT, REQUEST_ACCESS));
        row(CONTRACT_REFERENCE_REQUIRED, 422, "reference of the contract", Set.of(CREATE_AGREEMENT, REQUEST_ACCESS));
        row(AGREEMENT_END_IN_PAST, 422, "ending an agreement, never retroactively", Set.of(END_AGREEMENT, END_ACCESS));
        row(AGREEMENT_NOT_FOUND, 404, "no such register access agreement", Set.of(AGREEMENT, END_AGREEMENT));
        row(AGREEMENT_OVERLAP, 409, "already covers, days, service tasks", Set.of(CREATE_AGREEMENT));
        row(AGREEMENT_ALREADY_ENDED, 409, "register access agreement, already been ended", Set.of(END_AGREEMENT));
        // the register access lifecycle (docs/workflows.md)
        row(REGISTER_ACCESS_REQUEST_NOT_FOUND, 404, "no such register access request",
                Set.of(ACCESS_LIFECYCLE, END_ACCESS));
        row(REGISTER_ACCESS_NOT_ACTIVE, 409, "not in effect, still being enabled, has ended", Set.of(END_ACCESS));

        // legacy migration (reject reasons of the migration's report, and its launch)
        row(LEGACY_ROW_INVALID, 422, "manifest row, invalid", NO_OPERATION);
        row(LEGACY_FILE_MISSING, 422, "file, manifest row, missing", NO_OPERATION);
        row(LEGACY_PACKAGE_NOT_FOUND, 422, "legacy package, no, exists", Set.of(LAUNCH_MIGRATION));
        row(LEGACY_PACKAGE_UNREADABLE, 422, "legacy package, readable", Set.of(LAUNCH_MIGRATION));
        row(LEGACY_MANIFEST_MISSING, 422, "no manifest.csv", Set.of(LAUNCH_MIGRATION));
        row(LEGACY_MANIFEST_INVALID, 422, "manifest, cannot be read", Set.of(LAUNCH_MIGRATION));
        row(MIGRATION_SIGNER_MISSING, 422, "no system signer", Set.of(LAUNCH_MIGRATION));
        row(MIGRATION_ALREADY_RUNNING, 409, "being migrated, right now", Set.of(LAUNCH_MIGRATION));
        row(MIGRATION_ALREADY_COMPLETED, 409, "already been migrated", Set.of(LAUNCH_MIGRATION));
        row(LEGACY_DUPLICATE_ID, 422, "legacy id, different content", NO_OPERATION);
    }

    private JsonNode api;

    @BeforeAll
    void fetchTheOpenApiDescription() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        api = json(response);
    }

    @Test
    void everyCodeHasARow() {
        assertThat(CATALOGUE.keySet()).as("codes without a row in this catalogue")
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(ErrorCode.class));
    }

    @Test
    void everyCodeAnswersWithItsStatus() {
        CATALOGUE.forEach((code, row) -> {
            assertThat(code.httpStatus()).as(code + "'s status").isEqualTo(row.status());
            assertThat(Problems.of(code, "detail").getStatus()).as(code + " as a problem").isEqualTo(row.status());
        });
    }

    @Test
    void everyTitleDescribesItsOwnCode() {
        CATALOGUE.forEach((code, row) -> {
            String title = code.title().toLowerCase(Locale.ROOT);
            row.titleWords().forEach(word ->
                    assertThat(title).as(code + "'s title: " + code.title()).contains(word.toLowerCase(Locale.ROOT)));
            assertThat(Problems.of(code, "detail").getTitle()).isEqualTo(code.title());
        });
        // no two codes share a title, so no title can stand for another code
        Map<String, ErrorCode> byTitle = new HashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(byTitle.put(code.title(), code)).as("title of " + code + " also used by").isNull();
        }
    }

    @Test
    void theOpenApiDescriptionNamesEveryCodeOnTheOperationsThatCanAnswerIt() {
        // the catalogue knows every operation of the API
        Set<String> operations = new TreeSet<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method + " " + path.getKey())));
        assertThat(operations).containsExactlyInAnyOrderElementsOf(ALL);

        // which operations name which code, under which status
        Map<ErrorCode, Set<String>> namedOn = new EnumMap<>(ErrorCode.class);
        for (String operation : operations) {
            String[] parts = operation.split(" ", 2);
            JsonNode responses = api.path("paths").path(parts[1]).path(parts[0]).path("responses");
            for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                for (JsonNode named : response.getValue().path("x-error-codes")) {
                    ErrorCode code = ErrorCode.valueOf(named.asText());
                    String description = response.getValue().path("description").asText();
                    if (response.getKey().equals("4XX")) {
                        // an acknowledgement's codes, each with its status
                        assertThat(code.httpStatus()).as(code + " in the acknowledgement of " + operation).isBetween(400, 499);
                        assertThat(description).as(code + " on " + operation)
                                .contains(code.name() + "` (" + code.httpStatus() + "): " + code.title());
                    } else {
                        assertThat(response.getKey()).as(code + " on " + operation).isEqualTo(String.valueOf(code.httpStatus()));
                        assertThat(description).as(code + " on " + operation).contains(code.name() + "`: " + code.title());
                    }
                    namedOn.computeIfAbsent(code, c -> new HashSet<>()).add(operation);
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        CATALOGUE.forEach((code, row) -> {
            Set<String> named = namedOn.getOrDefault(code, Set.of());
            if (!named.equals(row.operations())) {
                wrong.add(code + ": named on " + new TreeSet<>(named) + ", can be answered by " + new TreeSet<>(row.operations()));
            }
        });
        assertThat(wrong).as("codes the OpenAPI description names on other operations than those that answer them").isEmpty();

        // codes answered outside any operation are named in the description's introduction
        String introduction = api.path("info").path("description").asText();
        assertThat(introduction).contains("`PATH_NOT_FOUND` (404)", "`METHOD_NOT_ALLOWED` (405");

        // and the problem schema enumerates every code
        List<String> enumerated = new ArrayList<>();
        api.path("components").path("schemas").path("Problem").path("properties").path("code").path("enum")
                .forEach(code -> enumerated.add(code.asText()));
        assertThat(enumerated).containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }
}
