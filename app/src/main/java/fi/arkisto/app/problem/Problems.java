package fi.arkisto.app.problem;

import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.IdentityCodeRedaction;
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

    /** A problem with the code's own status and title: a code always answers with one status and describes itself. */
    public static ProblemDetail of(ErrorCode code, String detail) {
        // Details may be built from request input; an identity code in them is masked wherever it appears.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.httpStatus()),
                IdentityCodeRedaction.redact(detail));
        problem.setTitle(code.title());
        problem.setProperty(CODE, code.name());
        return problem;
    }
}
