package fi.arkisto.store.accessrecords;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The one stamp that ends a record, never undone: a sharing record's withdrawal or an agreement's end.
 *
 * @param from   the first day the record no longer applies
 * @param stamp  who ended it and when
 * @param reason why, or null
 */
public record Ending(LocalDate from, Stamp stamp, String reason) {

    public Ending {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(stamp, "stamp");
    }
}
