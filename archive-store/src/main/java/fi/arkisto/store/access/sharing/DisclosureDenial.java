package fi.arkisto.store.access.sharing;

import fi.arkisto.store.access.period.Periods;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A client's denial of disclosure (luovutuskielto): what it excludes from disclosure to other controllers, and for
 * which days. It never applies inside one register, nor between an organiser and its outsourced or voucher provider,
 * and a statutory right to information overrides it (kanta.fi, "Sosiaalipalvelujen asiakastietojen luovutuskielto").
 *
 * @param target      what kind of thing it names
 * @param value       the document's set id, the service task code, or the controller's OID
 * @param validFrom   the first day
 * @param validUntil  the last day, or null when open-ended
 * @param withdrawnOn the day the client withdrew it, or null
 */
public record DisclosureDenial(DenialTarget target, String value, LocalDate validFrom, LocalDate validUntil,
                               LocalDate withdrawnOn) {

    public DisclosureDenial {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(validFrom, "validFrom");
    }

    public boolean inEffectOn(LocalDate day) {
        return Periods.containsUnlessWithdrawn(day, validFrom, validUntil, withdrawnOn);
    }
}
