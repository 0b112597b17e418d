package fi.arkisto.routes.common;

/** Exchange properties and message headers the ingestion routes share. */
public final class IngestHeaders {

    /** Exchange property: the {@link fi.arkisto.store.rejection.IngestChannel} of the route. */
    public static final String CHANNEL = "arkistoIngestChannel";
    /** Exchange property: when the submission was received (Instant). */
    public static final String RECEIVED_AT = "arkistoReceivedAt";
    /** Exchange property: a reference to the submission (file name, message id). */
    public static final String SOURCE = "arkistoSource";
    /** Exchange property: the {@link fi.arkisto.store.rejection.PayloadFingerprint} of a streamed payload. */
    public static final String FINGERPRINT = "arkistoPayloadFingerprint";
    /** Exchange property: the payload's content type as its channel received it (MIME boundary included). */
    public static final String CONTENT_TYPE = "arkistoContentType";
    /** Header on acknowledgements and dead letters: the stable error code. */
    public static final String ERROR_CODE = "x-arkisto-error-code";
    /** Header on dead letters: the reason text. */
    public static final String REASON = "x-arkisto-reason";
    /** Header on acknowledgements: the outcome (ARCHIVED, DUPLICATE, NULLIFIED, REJECTED). */
    public static final String OUTCOME = "x-arkisto-outcome";

    private IngestHeaders() {
    }
}
