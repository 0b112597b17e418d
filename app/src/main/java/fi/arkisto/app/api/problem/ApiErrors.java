package fi.arkisto.app.api.problem;

import fi.arkisto.store.error.ErrorCode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error codes an API operation may answer with, beyond those every operation shares
 * (authentication, request context, internal error). The OpenAPI document lists them per HTTP status
 * as {@code application/problem+json} responses.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiErrors {

    ErrorCode[] value();

    /** Whether the operation archives a document: then every code of {@link ArchivingErrors} too. */
    boolean archiving() default false;
}
