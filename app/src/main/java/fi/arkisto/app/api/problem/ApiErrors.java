package fi.arkisto.app.api.problem;

import fi.arkisto.store.error.ErrorCode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error codes an API operation may answer with, beyond those every operation shares (authentication, access,
 * request context, media types, storage, internal error) and those its signature implies (a request body: malformed
 * JSON; declared content types: an unsupported one). The OpenAPI document lists them per HTTP status. On a controller
 * class, the codes apply to each of its operations.
 */
@Documented
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiErrors {

    /** Codes answered as {@code application/problem+json}. */
    ErrorCode[] value() default {};

    /**
     * Codes answered inside an HL7 v3 acknowledgement ({@code application/xml}, {@code acknowledgementDetail/code}) with
     * the code's HTTP status, instead of a problem.
     */
    ErrorCode[] acknowledged() default {};
}
