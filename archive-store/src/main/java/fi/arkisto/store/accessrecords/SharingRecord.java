package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.period.Periods;
import fi.arkisto.store.access.sharing.Consent;
import fi.arkisto.store.access.sharing.DenialTarget;
import fi.arkisto.store.access.sharing.DisclosureDenial;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One stored record of a client's informing, consent or denial of disclosure, with who recorded it and, once withdrawn,
 * who withdrew it. Records are never changed otherwise nor deleted (docs/access.md, "Records of informing, consent and
 * denial").
 *
 * @param validFrom   the day the client was informed, or the first day of a consent or denial
 * @param validUntil  the last day of a consent or denial; null when open-ended
 * @param target      what a denial names, null for the other kinds
 * @param targetValue the denied document's set id, the service task code or the controller's OID
 * @param withdrawal  null while not withdrawn; from its day the record no longer applies (for informing: it was
 *                    recorded in error and never applied)
 */
public record SharingRecord(RecordId id, String clientId, SharingRecordKind kind, LocalDate validFrom,
                            LocalDate validUntil, DenialTarget target, String targetValue, String description,
                            Stamp recorded, Ending withdrawal) {

    public SharingRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(recorded, "recorded");
    }

    public boolean withdrawn() {
        return withdrawal != null;
    }

    /** Whether the record applies on the day (for informing: whether the client counts as informed by then). */
    public boolean inEffectOn(LocalDate day) {
        if (kind == SharingRecordKind.INFORMING) {
            return withdrawal == null && !validFrom.isAfter(day);
        }
        return Periods.containsUnlessWithdrawn(day, validFrom, validUntil, withdrawal == null ? null : withdrawal.from());
    }

    Consent toConsent() {
        return new Consent(validFrom, validUntil, withdrawal == null ? null : withdrawal.from());
    }

    DisclosureDenial toDenial() {
        return new DisclosureDenial(target, targetValue, validFrom, validUntil, withdrawal == null ? null : withdrawal.from());
    }
}
