package fi.arkisto.app.api.problem;

import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.IdentityCodeRedaction;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details as the API answers them: status and title from the {@link ErrorCode},
 * and the extra property {@value #CODE} carrying the stable code clients switch on.
 */
public final class Problems {

    /** The name of the extra problem property holding the {@link ErrorCode} name. */
    public static final String CODE = "code";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(code, HttpStatusCode.valueOf(code.httpStatus()), detail);
    }

    /** A problem whose HTTP status differs from the code's own (framework errors such as 404/405 of a route). */
    public static ProblemDetail of(ErrorCode code, HttpStatusCode status, String detail) {
        // Details may be built from request input; an identity code in them is masked wherever it appears.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, IdentityCodeRedaction.redact(detail));
        problem.setTitle(status.value() == code.httpStatus() ? code.title() : titleOf(status));
        problem.setProperty(CODE, code.name());
        return problem;
    }

    private static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error " + status.value() : known.getReasonPhrase();
    }
}
