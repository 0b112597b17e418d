package fi.arkisto.app.api.agreement;

import fi.arkisto.store.accessrecords.AgreementRecord;
import fi.arkisto.store.accessrecords.Ending;
import fi.arkisto.store.accessrecords.Stamp;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A register access agreement as the API shows it.
 *
 * @param serviceTasks codes of 1.2.246.537.6.1221.201601 it covers; empty: every service task
 * @param validUntil   the contract's last day; absent when open-ended
 * @param lastDay      the last day in effect (the contract's last day, or the day before its end took effect)
 * @param inEffect     whether it is in effect today
 * @param end          present once the organiser ended it
 */
public record AgreementResponse(String id, String organiser, String provider, boolean extensive,
                                List<String> serviceTasks, LocalDate validFrom, LocalDate validUntil, LocalDate lastDay,
                                String contractReference, boolean inEffect, StampResponse created, EndResponse end) {

    /** Who acted and when, with the use context of the request. */
    public record StampResponse(Instant at, String organisation, String userId, String purposeOfUse) {

        static StampResponse of(Stamp stamp) {
            return new StampResponse(stamp.at(), stamp.organisation(), stamp.userId(), stamp.purposeOfUse());
        }
    }

    /** @param endsOn the first day the agreement is no longer in effect */
    public record EndResponse(LocalDate endsOn, Instant at, String organisation, String userId, String purposeOfUse,
                              String reason) {
    }

    static AgreementResponse of(AgreementRecord agreement, LocalDate today) {
        Ending end = agreement.end();
        return new AgreementResponse(agreement.id().toString(), agreement.organiser(), agreement.provider(),
                agreement.extensive(), agreement.serviceTasks(), agreement.validFrom(), agreement.validUntil(),
                agreement.everInEffect() ? agreement.lastDay() : null, agreement.contractReference(),
                agreement.inEffectOn(today), StampResponse.of(agreement.created()),
                end == null ? null : new EndResponse(end.from(), end.stamp().at(), end.stamp().organisation(),
                        end.stamp().userId(), end.stamp().purposeOfUse(), end.reason()));
    }
}
