package fi.arkisto.app.api.client;

import fi.arkisto.store.accessrecords.SharingRecord;
import fi.arkisto.store.accessrecords.SharingRecordKind;
import fi.arkisto.store.accessrecords.Ending;
import fi.arkisto.store.accessrecords.Stamp;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One informing, consent or denial record as the API shows it. Fields that do not apply to the kind are left out.
 *
 * @param informedOn  the day the client was informed (informing)
 * @param validFrom   the first day (consent, denial)
 * @param validUntil  the last day, absent when open-ended (consent, denial)
 * @param targetType  DOCUMENT, SERVICE_TASK or CONTROLLER (denial)
 * @param target      the denied document's set id, the service task code or the controller's OID (denial)
 * @param inEffect    whether the record applies today
 * @param withdrawal  present once withdrawn: from its day the record no longer applies
 */
public record SharingRecordResponse(String id, SharingRecordKind kind, String clientId, LocalDate informedOn,
                                    LocalDate validFrom, LocalDate validUntil, String targetType, String target,
                                    String description, boolean inEffect, StampResponse recorded,
                                    WithdrawalResponse withdrawal) {

    /** Who changed the record and when, with the use context of the request. */
    public record StampResponse(Instant at, String organisation, String userId, String purposeOfUse) {

        static StampResponse of(Stamp stamp) {
            return new StampResponse(stamp.at(), stamp.organisation(), stamp.userId(), stamp.purposeOfUse());
        }
    }

    /** @param on the first day the record no longer applies */
    public record WithdrawalResponse(LocalDate on, Instant at, String organisation, String userId,
                                     String purposeOfUse, String reason) {
    }

    static SharingRecordResponse of(SharingRecord record, LocalDate today) {
        boolean informing = record.kind() == SharingRecordKind.INFORMING;
        Ending w = record.withdrawal();
        return new SharingRecordResponse(record.id().toString(), record.kind(), record.clientId(),
                informing ? record.validFrom() : null, informing ? null : record.validFrom(), record.validUntil(),
                record.target() == null ? null : record.target().name(), record.targetValue(), record.description(),
                record.inEffectOn(today), StampResponse.of(record.recorded()),
                w == null ? null : new WithdrawalResponse(w.from(), w.stamp().at(), w.stamp().organisation(),
                        w.stamp().userId(), w.stamp().purposeOfUse(), w.reason()));
    }
}
