package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.sharing.DenialTarget;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A record to add to a client's informing, consents or denials, as a professional enters it. Build it with
 * {@link #informing}, {@link #consent} or {@link #denial}; a day left null is the day of recording.
 *
 * @param validFrom   the day the client was informed, or the first day of a consent or denial
 * @param validUntil  the last day of a consent or denial, or null when open-ended
 * @param target      what a denial names (null for the other kinds)
 * @param targetValue a document's OID (any version of its set), a service task code, or a controller's OID
 * @param description free text kept with the record (how the client was informed, what the client said), or null
 */
public record NewSharingRecord(SharingRecordKind kind, LocalDate validFrom, LocalDate validUntil, DenialTarget target,
                               String targetValue, String description) {

    public NewSharingRecord {
        Objects.requireNonNull(kind, "kind");
        if ((kind == SharingRecordKind.DENIAL) != (target != null)) {
            throw new IllegalArgumentException("a denial, and only a denial, names a target");
        }
        if (target != null) {
            Objects.requireNonNull(targetValue, "targetValue");
        }
        if (kind == SharingRecordKind.INFORMING && validUntil != null) {
            throw new IllegalArgumentException("informing has a day, not a period");
        }
    }

    public static NewSharingRecord informing(LocalDate informedOn, String description) {
        return new NewSharingRecord(SharingRecordKind.INFORMING, informedOn, null, null, null, description);
    }

    public static NewSharingRecord consent(LocalDate validFrom, LocalDate validUntil, String description) {
        return new NewSharingRecord(SharingRecordKind.CONSENT, validFrom, validUntil, null, null, description);
    }

    public static NewSharingRecord denial(DenialTarget target, String value, LocalDate validFrom, LocalDate validUntil,
                                          String description) {
        return new NewSharingRecord(SharingRecordKind.DENIAL, validFrom, validUntil, target, value, description);
    }
}
