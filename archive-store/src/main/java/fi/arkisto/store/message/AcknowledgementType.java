package fi.arkisto.store.message;

import fi.arkisto.store.error.ErrorCode;

import java.util.EnumSet;
import java.util.Set;

/**
 * HL7 v3 acknowledgement type codes (AcknowledgementType): AA application accept, AE application error (the
 * message was read but its content was refused), AR application reject (the message itself could not be taken:
 * unreadable frame, unsupported request, no right to send, storage unavailable).
 */
public enum AcknowledgementType {
    AA, AE, AR;

    private static final Set<ErrorCode> MESSAGE_LEVEL = EnumSet.of(
            ErrorCode.FRAME_INVALID, ErrorCode.UNSUPPORTED_SERVICE_REQUEST, ErrorCode.INVALID_REQUEST,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.MISSING_REQUEST_CONTEXT, ErrorCode.INVALID_REQUEST_CONTEXT,
            ErrorCode.ACCESS_DENIED, ErrorCode.STORAGE_UNAVAILABLE, ErrorCode.INGESTION_FAILED, ErrorCode.PACKAGE_ENTRY_UNSAFE,
            ErrorCode.PACKAGE_TOO_LARGE);

    static AcknowledgementType forError(ErrorCode code) {
        return MESSAGE_LEVEL.contains(code) ? AR : AE;
    }
}
