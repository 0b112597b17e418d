package fi.arkisto.app.api.problem;

import fi.arkisto.app.problem.Problems;
import fi.arkisto.app.security.RequestContextHeaders;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.error.InfrastructureFailure;
import fi.arkisto.store.identity.IdentityCodeRedaction;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.stream.Collectors;

/**
 * Every error of the API as {@code application/problem+json} with the stable {@code code} property
 * (invariant 7 (docs/invariants.md): bad input gets a clear, specific error). Details never carry a full personal
 * identity code: archive-store masks them in its messages, and framework messages here are replaced
 * by fixed texts rather than echoing request values. No failure of the database or the object store is ever an
 * {@code INTERNAL_ERROR}: whatever layer raised it and however the framework wrapped it ({@link InfrastructureFailure}),
 * it answers 503 {@code STORAGE_UNAVAILABLE} with a {@code Retry-After} header (docs/running.md, "Operations"), so a
 * client system that retries 503s never gives a document up for an outage.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String STORAGE_DETAIL = "The archive's storage is unavailable; retry later";

    private final String retryAfterSeconds;

    ProblemHandler(RetryAfterProperties retryAfter) {
        this.retryAfterSeconds = retryAfter.header();
    }

    @ExceptionHandler(ArchiveException.class)
    ResponseEntity<ProblemDetail> archiveException(ArchiveException e, HttpServletRequest request) {
        if (e.code() != ErrorCode.STORAGE_UNAVAILABLE && e.code().httpStatus() >= 500
                && InfrastructureFailure.isCause(e.getCause())) {
            return storageUnavailable(e, request);
        }
        if (e.code() == ErrorCode.ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE) {
            // a planned pause, answered with Retry-After like an outage: not a failure of the archive
            log.info("{}: {}", e.code(), e.detail());
        } else if (e.code().httpStatus() >= 500) {
            log.error("{}: {}", e.code(), e.detail(), e);
        } else {
            log.debug("Refused: {}: {}", e.code(), e.detail());
        }
        return respond(Problems.of(e.code(), e.detail()), request);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class,
            TransactionSystemException.class})
    ResponseEntity<ProblemDetail> storageUnavailable(RuntimeException e, HttpServletRequest request) {
        // the cause's message may name hosts or statements: logged, never answered
        log.error("Storage unavailable: {}", e.toString(), e);
        return respond(Problems.of(ErrorCode.STORAGE_UNAVAILABLE, STORAGE_DETAIL), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (InfrastructureFailure.isCause(e)) {
            log.error("Storage unavailable: {}", e.toString(), e);
            return respond(Problems.of(ErrorCode.STORAGE_UNAVAILABLE, STORAGE_DETAIL), request);
        }
        log.error("Unexpected failure", e);
        return respond(Problems.of(ErrorCode.INTERNAL_ERROR, "The archive failed to process the request"), request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ErrorCode code = codeFor(ex, statusCode);
        if (code.httpStatus() >= 500) {
            log.error("Framework failure answered as {}", code, ex);
        }
        // The status is always the code's own, so a code means one thing whichever layer answers it.
        ProblemDetail problem = Problems.of(code, code == ErrorCode.STORAGE_UNAVAILABLE ? STORAGE_DETAIL : detailFor(ex, code));
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(instanceOf(servlet.getRequest()));
        }
        HttpHeaders answered = new HttpHeaders();
        answered.addAll(headers);
        if (code.httpStatus() == 503) {
            answered.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return super.handleExceptionInternal(ex, problem, answered, HttpStatusCode.valueOf(code.httpStatus()), request);
    }

    private static ErrorCode codeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return ErrorCode.NOT_ACCEPTABLE;
        }
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return ErrorCode.PATH_NOT_FOUND;
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return ErrorCode.METHOD_NOT_ALLOWED;
        }
        if (ex instanceof MaxUploadSizeExceededException || status.value() == 413) {
            return ErrorCode.DOCUMENT_TOO_LARGE;
        }
        if (ex instanceof MissingRequestHeaderException missing
                && RequestContextHeaders.ALL.contains(missing.getHeaderName())) {
            return ErrorCode.MISSING_REQUEST_CONTEXT;
        }
        if (ex instanceof HttpMessageNotReadableException && jsonParseFailure(ex) != null) {
            return ErrorCode.MALFORMED_JSON;
        }
        if (status.is5xxServerError() && InfrastructureFailure.isCause(ex)) {
            return ErrorCode.STORAGE_UNAVAILABLE;
        }
        return status.is5xxServerError() ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
    }

    /**
     * What exactly was wrong, in fixed words or names from the API itself: framework messages can quote request
     * values (path segments and bodies can hold identity codes), so they are never passed on as they are.
     */
    private static String detailFor(Exception ex, ErrorCode code) {
        if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
            return "Content type " + unsupported.getContentType() + " is not accepted; send one of "
                    + unsupported.getSupportedMediaTypes();
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException notAcceptable) {
            return "The Accept header names none of " + notAcceptable.getSupportedMediaTypes();
        }
        if (ex instanceof HttpRequestMethodNotSupportedException method) {
            return method.getMethod() + " is not allowed here; allowed: " + method.getSupportedHttpMethods()
                    + " (see /v3/api-docs)";
        }
        if (code == ErrorCode.PATH_NOT_FOUND) {
            return "There is no API operation at this path; /v3/api-docs lists them";
        }
        if (ex instanceof MissingRequestHeaderException missing) {
            return "Missing request header " + missing.getHeaderName();
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            return "Missing query parameter " + missing.getParameterName();
        }
        if (ex instanceof MissingServletRequestPartException missing) {
            return "Missing part " + missing.getRequestPartName();
        }
        if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
            return "Parameter " + mismatch.getName() + " has an invalid value"
                    + (mismatch.getRequiredType() == null ? "" : "; expected " + describe(mismatch.getRequiredType()));
        }
        if (ex instanceof HttpMessageNotReadableException unreadable) {
            return bodyProblem(unreadable);
        }
        return code.title();
    }

    private static String bodyProblem(HttpMessageNotReadableException ex) {
        JsonParseException parse = jsonParseFailure(ex);
        if (parse != null) {
            JsonLocation at = parse.getLocation();
            return "The request body is not well-formed JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        if (ex.getCause() instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String field = mismatched.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "The request body's field " + field + " has the wrong type"
                    + (mismatched.getTargetType() == null ? "" : "; expected " + describe(mismatched.getTargetType()));
        }
        if (ex.getCause() instanceof MismatchedInputException) {
            return "The request body is not the JSON object this operation expects";
        }
        if (ex.getCause() == null) {
            // Spring's message for a required body that is absent; anything else without a cause is unreadable too
            return "The request has no body; this operation needs one (see /v3/api-docs)";
        }
        return "The request body cannot be read";
    }

    private static JsonParseException jsonParseFailure(Throwable ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return parse;
            }
        }
        return null;
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return type.isRecord() || !type.getName().startsWith("java.") ? "an object" : type.getSimpleName();
    }

    private ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpServletRequest request) {
        problem.setInstance(instanceOf(request));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus());
        if (problem.getStatus() == 503) {
            // a transient outage: when to try again, so that client systems back off instead of giving up
            answer.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return answer.body(problem);
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
