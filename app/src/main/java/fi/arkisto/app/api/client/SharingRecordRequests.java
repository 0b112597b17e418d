package fi.arkisto.app.api.client;

/** Bodies of the informing, consent and denial endpoints; days are {@code YYYY-MM-DD}, read by RequestFields. */
public final class SharingRecordRequests {

    private SharingRecordRequests() {
    }

    /**
     * @param informedOn  the day the client was informed about the archive; absent: today; never after today
     * @param description how the client was informed (at most 1,000 characters)
     */
    public record InformingRequest(String informedOn, String description) {
    }

    /**
     * @param validFrom   the first day; absent: today
     * @param validUntil  the last day; absent: open-ended
     * @param description what the client said (at most 1,000 characters)
     */
    public record ConsentRequest(String validFrom, String validUntil, String description) {
    }

    /**
     * @param targetType DOCUMENT (any version's OID; the denial names its set), SERVICE_TASK (a code of
     *                   1.2.246.537.6.1221.201601) or CONTROLLER (an organisation OID)
     * @param target     the document's OID, the service task code or the controller's OID
     */
    public record DenialRequest(String targetType, String target, String validFrom, String validUntil, String description) {
    }

    /** @param reason why (at most 1,000 characters); optional */
    public record WithdrawalRequest(String reason) {
    }
}
