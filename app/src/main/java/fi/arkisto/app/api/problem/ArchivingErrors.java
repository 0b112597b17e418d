package fi.arkisto.app.api.problem;

import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.error.ErrorCode;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import static fi.arkisto.store.error.ErrorCode.*;

/**
 * The codes archiving a document may refuse it with, whichever operation hands it in (POST /api/v1/documents as a
 * problem, POST /api/v1/messages in the acknowledgement): the parser's, the archiving-stage checks' (deployment test
 * guard, signature and certificate, display form, structure; docs/trust.md), the archive state's and the access
 * decision's (the twin of every denial reason archiving can answer; CLIENT_FACTS_UNREADABLE, a 500, each operation
 * names as a problem). One list, so the
 * operations' descriptions cannot drift apart; {@link ApiErrors#archiving()} and {@link AcknowledgementErrors#archiving()}
 * add it to an operation.
 */
public final class ArchivingErrors {

    private static final Set<ErrorCode> CHECKS = Collections.unmodifiableSet(EnumSet.of(
            // the document as XML and its header
            MALFORMED_XML, XML_DTD_FORBIDDEN, XML_TOO_DEEP, DOCUMENT_TOO_LARGE, NOT_A_CDA_DOCUMENT, DUPLICATE_ID,
            ACTIVE_CONTENT_FORBIDDEN, CONTROL_CHARACTER_FORBIDDEN,
            MISSING_REQUIRED_FIELD, INVALID_OID, INVALID_IDENTITY_CODE, INVALID_FIELD_VALUE, INVALID_CODE, INVALID_BASE64,
            // archive state
            DOCUMENT_CONFLICT, VERSION_CONFLICT, CORRECTION_REASON_REQUIRED, DOCUMENT_NULLIFIED,
            // deployment tests
            REAL_IDENTITY_CODE_IN_TEST,
            // signatures and certificates
            SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_UNTRUSTED, SIGNATURE_CERTIFICATE_EXPIRED,
            SIGNATURE_CERTIFICATE_REVOKED, SIGNATURE_TIME_IN_FUTURE, SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW,
            SIGNATURE_TYPE_MISMATCH, SIGNATURE_KEY_TOO_WEAK, SIGNATURE_ALGORITHM_WEAK, SIGNATURE_KEY_USAGE_INVALID,
            SIGNATURE_ORGANISATION_MISMATCH, PROFESSIONAL_SIGNATURE_REQUIRED,
            // display form
            DISPLAY_FORM_MISSING, DISPLAY_FORM_MALFORMED, DISPLAY_FORM_UNSAFE, DISPLAY_FORM_CLIENT_MISSING,
            // structure
            UNKNOWN_CONTENT_SPECIFICATION, STRUCTURE_INVALID, HEADER_RULE_VIOLATED, IDENTITY_MISMATCH,
            DOCUMENT_TYPE_MISMATCH,
            // a controller change's pause of the register (503 with Retry-After)
            ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE));

    // after CHECKS, which it is made of
    public static final Set<ErrorCode> CODES = codes();

    private ArchivingErrors() {
    }

    /** The checks' codes, and the access decision's (docs/access.md, "Archiving and nullifying"). */
    private static Set<ErrorCode> codes() {
        EnumSet<ErrorCode> codes = EnumSet.copyOf(CHECKS);
        ArchivingService.archiveDenials().forEach(reason -> codes.add(ErrorCode.valueOf(reason.name())));
        return Collections.unmodifiableSet(codes);
    }
}
