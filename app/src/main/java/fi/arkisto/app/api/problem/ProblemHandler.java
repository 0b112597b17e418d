package fi.arkisto.app.api.problem;

import fi.arkisto.app.security.RequestContextHeaders;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.IdentityCodeRedaction;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/**
 * Every error of the API as {@code application/problem+json} with the stable {@code code} property
 * (DESIGN invariant 7: bad input gets a clear, specific error). Details never carry a full personal
 * identity code: archive-store masks them in its messages, and framework messages here are replaced
 * by fixed texts rather than echoing request values.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ArchiveException.class)
    ResponseEntity<ProblemDetail> archiveException(ArchiveException e, HttpServletRequest request) {
        if (e.code().httpStatus() >= 500) {
            log.error("{}: {}", e.code(), e.detail(), e);
        } else {
            log.debug("Refused: {}: {}", e.code(), e.detail());
        }
        return respond(Problems.of(e.code(), e.detail()), request);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> storageUnavailable(RuntimeException e, HttpServletRequest request) {
        log.error("Storage unavailable", e);
        return respond(Problems.of(ErrorCode.STORAGE_UNAVAILABLE, "The archive's storage is unavailable; retry later"), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure", e);
        return respond(Problems.of(ErrorCode.INTERNAL_ERROR, "The archive failed to process the request"), request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ErrorCode code = codeFor(ex, statusCode);
        ProblemDetail problem = Problems.of(code, statusCode, detailFor(ex, code, body));
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(instanceOf(servlet.getRequest()));
        }
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    private static ErrorCode codeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        }
        if (ex instanceof MaxUploadSizeExceededException || status.value() == 413) {
            return ErrorCode.DOCUMENT_TOO_LARGE;
        }
        if (ex instanceof MissingRequestHeaderException missing
                && RequestContextHeaders.ALL.contains(missing.getHeaderName())) {
            return ErrorCode.MISSING_REQUEST_CONTEXT;
        }
        return status.is5xxServerError() ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
    }

    private static String detailFor(Exception ex, ErrorCode code, Object body) {
        if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
            return "Content type " + unsupported.getContentType() + " is not accepted; send one of "
                    + unsupported.getSupportedMediaTypes();
        }
        if (code == ErrorCode.INVALID_REQUEST || body == null) {
            // Framework details of these may quote request values (path segments can hold identity codes).
            return code.title();
        }
        return body instanceof ProblemDetail framework && framework.getDetail() != null
                ? framework.getDetail() : code.title();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpServletRequest request) {
        problem.setInstance(instanceOf(request));
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** The request path as the problem's instance, with any identity code in it masked (client paths carry them). */
    private static URI instanceOf(HttpServletRequest request) {
        try {
            return URI.create(IdentityCodeRedaction.redact(request.getRequestURI()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
