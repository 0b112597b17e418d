package fi.arkisto.store.access.sharing;

import fi.arkisto.store.access.period.Periods;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The client's consent to disclosing their social welfare data to other controllers (kanta.fi, functionalities
 * required by the obligation to join: professionals "can save and modify consent to data sharing or denials of
 * consent to data sharing for social welfare data"). Nothing is deleted: a withdrawal is recorded as a date.
 *
 * @param validFrom   the first day
 * @param validUntil  the last day, or null when open-ended
 * @param withdrawnOn the day the client withdrew it, or null; from that day it no longer applies
 */
public record Consent(LocalDate validFrom, LocalDate validUntil, LocalDate withdrawnOn) {

    public Consent {
        Objects.requireNonNull(validFrom, "validFrom");
    }

    public boolean validOn(LocalDate day) {
        return Periods.containsUnlessWithdrawn(day, validFrom, validUntil, withdrawnOn);
    }

    public static boolean anyValid(List<Consent> consents, LocalDate day) {
        for (int i = 0; i < consents.size(); i++) {
            if (consents.get(i).validOn(day)) {
                return true;
            }
        }
        return false;
    }
}
