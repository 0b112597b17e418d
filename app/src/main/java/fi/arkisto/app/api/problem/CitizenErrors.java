package fi.arkisto.app.api.problem;

import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.error.ErrorCode;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The codes of the citizen API (docs/access.md, "The citizen API"): those of its bearer tokens, answered before any
 * operation is reached, and those the citizen's view may refuse a read of one document with, derived from the read
 * service's own list so that the description cannot drift from what it answers.
 */
public final class CitizenErrors {

    /** The bearer token's checks, and the citizen API without a trusted issuer. */
    public static final Set<ErrorCode> TOKEN = Collections.unmodifiableSet(EnumSet.of(
            ErrorCode.CITIZEN_API_NOT_CONFIGURED, ErrorCode.CITIZEN_ISSUER_UNAVAILABLE, ErrorCode.CITIZEN_TOKEN_MISSING, ErrorCode.CITIZEN_TOKEN_INVALID,
            ErrorCode.CITIZEN_TOKEN_EXPIRED, ErrorCode.CITIZEN_IDENTITY_CLAIM_MISSING,
            ErrorCode.CITIZEN_IDENTITY_CLAIM_INVALID));

    /** The refusals of a citizen's read of one document by the citizen's view. */
    public static final Set<ErrorCode> READING = reading();

    private CitizenErrors() {
    }

    private static Set<ErrorCode> reading() {
        EnumSet<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        DocumentReadService.citizenReadDenials().forEach(reason -> codes.add(ErrorCode.valueOf(reason.name())));
        return Collections.unmodifiableSet(codes);
    }
}
