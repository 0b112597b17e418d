package fi.arkisto.app.api.agreement;

import java.util.List;

/** Bodies of the register access agreement endpoints; days are {@code YYYY-MM-DD}. */
public final class AgreementRequests {

    private AgreementRequests() {
    }

    /**
     * @param organiser         the organiser's OID; must be the acting organisation
     * @param provider          the provider's OID
     * @param extensive         the extensive register access right (default false)
     * @param serviceTasks      codes of 1.2.246.537.6.1221.201601 covered; absent or empty: every service task
     * @param validFrom         the first day; absent: today
     * @param validUntil        the contract's last day; absent: open-ended
     * @param contractReference the contract's reference (1-200 characters)
     */
    public record CreateRequest(String organiser, String provider, Boolean extensive, List<String> serviceTasks,
                                String validFrom, String validUntil, String contractReference) {
    }

    /**
     * @param endsOn the first day the agreement is no longer in effect; absent: today (it ends at once); never earlier
     * @param reason why (at most 1,000 characters); optional
     */
    public record EndRequest(String endsOn, String reason) {
    }
}
