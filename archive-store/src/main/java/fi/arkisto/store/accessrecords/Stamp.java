package fi.arkisto.store.accessrecords;

import fi.arkisto.store.actor.RequestContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who made a change to a record and when: the acting organisation, the professional or system user, the use context
 * of the request, and the archive's time.
 */
public record Stamp(Instant at, String organisation, String userId, String purposeOfUse) {

    public Stamp {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purposeOfUse, "purposeOfUse");
    }

    /** The stamp of a change made now, at the database's precision (microseconds), so that it reads back equal. */
    static Stamp of(RequestContext context, Instant now) {
        return new Stamp(now.truncatedTo(ChronoUnit.MICROS), context.organisation().value(), context.userId(),
                context.purposeOfUse());
    }
}
