package fi.arkisto.store.message;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.KantaCodeSystems;

/**
 * The archive service requests a message frame may carry in {@code controlActProcess/reasonCode}, code system
 * {@value #CODE_SYSTEM} ("Sosiaalihuolto - Arkistosanomien palvelupyynnöt"). Only the codes named in
 * docs/messages.md and visible in the real sample frame are supported; any other code is refused with
 * {@link ErrorCode#UNSUPPORTED_SERVICE_REQUEST} rather than guessed at. Whether a request stores, replaces or
 * nullifies is decided by {@link MessageOperation#of}, from the document summary of the frame, not from the code.
 */
public enum ServiceRequest {
    /** SP1 "Asiakkuusasiakirjan arkistointi": archive a client relationship document (document group 1). */
    ARCHIVE_CLIENT_RELATIONSHIP_DOCUMENT("SP1"),
    /** SP17: archive a client document (case documents and other client documents). */
    ARCHIVE_CLIENT_DOCUMENT("SP17");

    public static final String CODE_SYSTEM = KantaCodeSystems.SERVICE_REQUEST;

    private final String code;

    ServiceRequest(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ServiceRequest ofCode(String code) {
        for (ServiceRequest request : values()) {
            if (request.code.equals(code)) {
                return request;
            }
        }
        throw new ArchiveException(ErrorCode.UNSUPPORTED_SERVICE_REQUEST,
                "Service request " + code + " in code system " + CODE_SYSTEM + " is not supported (supported: SP1, SP17)");
    }
}
