package fi.arkisto.app.api.problem;

import fi.arkisto.store.error.ErrorCode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error codes an operation that answers with an HL7 acknowledgement may put in its
 * {@code acknowledgementDetail/code} (AE/AR, with the code's HTTP status). The OpenAPI document lists them on the
 * operation's {@code 4XX} acknowledgement response ({@code x-error-codes}).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AcknowledgementErrors {

    ErrorCode[] value();

    /** Whether the operation archives a document: then every code of {@link ArchivingErrors} too. */
    boolean archiving() default false;
}
