package fi.arkisto.app.api.problem;

import fi.arkisto.store.error.ErrorCode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error codes an API operation may answer with as {@code application/problem+json}, beyond those every
 * operation shares (authentication, access, request context, media types, storage, internal error) and those its
 * signature implies (a request body: malformed JSON; declared content types: an unsupported one). The OpenAPI
 * document lists them per HTTP status. Codes an operation answers inside an HL7 acknowledgement are
 * {@link AcknowledgementErrors}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiErrors {

    ErrorCode[] value();

    /** Whether the operation archives a document: then every code of {@link ArchivingErrors} too. */
    boolean archiving() default false;

    /** Whether the operation reads one document: then every code of {@link ReadingErrors} too. */
    boolean reading() default false;

    /** Whether the operation nullifies a document: then every code of {@link NullifyingErrors} too. */
    boolean nullifying() default false;

    /**
     * Whether the operation is the citizen API's: a citizen's bearer token ({@link CitizenErrors#TOKEN}) instead of a
     * client system's authentication, and, with {@link #reading()}, the citizen's view's refusals
     * ({@link CitizenErrors#READING}) instead of the professional's.
     */
    boolean citizen() default false;
}
