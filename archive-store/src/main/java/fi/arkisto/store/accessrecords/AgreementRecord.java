package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.period.Periods;
import fi.arkisto.store.access.registeraccess.RegisterAccessAgreement;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A stored register access agreement between an organiser and a provider, with who created it and, once ended, who
 * ended it. Never changed otherwise nor deleted (docs/access.md, "Register access agreements").
 *
 * @param serviceTasks codes of 1.2.246.537.6.1221.201601 the agreement covers; empty: every service task
 * @param validUntil   the contract's last day, or null when open-ended
 * @param end          null until the organiser ends it; from its day the agreement is no longer in effect
 */
public record AgreementRecord(RecordId id, String organiser, String provider, boolean extensive,
                              List<String> serviceTasks, LocalDate validFrom, LocalDate validUntil,
                              String contractReference, Stamp created, Ending end) {

    public AgreementRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organiser, "organiser");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(created, "created");
        serviceTasks = serviceTasks == null ? List.of() : List.copyOf(serviceTasks);
    }

    /** The last day in effect: the contract's last day, or the day before the end took effect; null when open. */
    public LocalDate lastDay() {
        LocalDate ended = end == null ? null : end.from().minusDays(1);
        if (ended == null) {
            return validUntil;
        }
        return validUntil == null || ended.isBefore(validUntil) ? ended : validUntil;
    }

    /** Whether it was ever in effect: an end taking effect on or before the first day leaves no day in effect. */
    public boolean everInEffect() {
        LocalDate last = lastDay();
        return last == null || !last.isBefore(validFrom);
    }

    public boolean inEffectOn(LocalDate day) {
        return everInEffect() && Periods.contains(day, validFrom, lastDay());
    }

    /** Whether the two agreements share a day and a service task (no tasks named: every task). */
    boolean overlaps(AgreementRecord other) {
        if (!everInEffect() || !other.everInEffect()) {
            return false;
        }
        LocalDate last = lastDay();
        LocalDate otherLast = other.lastDay();
        boolean days = (last == null || !last.isBefore(other.validFrom))
                && (otherLast == null || !otherLast.isBefore(validFrom));
        boolean tasks = serviceTasks.isEmpty() || other.serviceTasks.isEmpty()
                || serviceTasks.stream().anyMatch(other.serviceTasks::contains);
        return days && tasks;
    }

    /** The agreement as the access decision reads it, or null when it was never in effect. */
    public RegisterAccessAgreement toAgreement() {
        return everInEffect()
                ? new RegisterAccessAgreement(organiser, provider, validFrom, lastDay(), extensive, serviceTasks)
                : null;
    }

    String describe() {
        return "agreement " + id + " organiser " + organiser + " provider " + provider + (extensive ? " extensive" : "")
                + " service tasks " + (serviceTasks.isEmpty() ? "all" : String.join(",", serviceTasks)) + " days "
                + validFrom + ".." + (validUntil == null ? "" : validUntil);
    }
}
