package fi.arkisto.store.error;

/**
 * A refusal with a stable {@link ErrorCode} and a specific, human-readable detail.
 * Thrown before anything is stored, so a caller that catches it knows nothing changed.
 */
public class ArchiveException extends RuntimeException {

    private final ErrorCode code;

    public ArchiveException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ArchiveException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
