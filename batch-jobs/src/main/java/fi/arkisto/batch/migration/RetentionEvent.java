package fi.arkisto.batch.migration;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event a relative retention period runs from (Act 703/2023: mostly the client's death or the closing of the
 * case). Carried over from the legacy system so the retention job can compute disposal dates.
 */
public enum RetentionEvent {
    CLIENT_DEATH, CASE_CLOSED, CLIENT_RELATIONSHIP_ENDED, DOCUMENT_CREATED;

    public static Optional<RetentionEvent> of(String text) {
        return Arrays.stream(values()).filter(e -> e.name().equalsIgnoreCase(text)).findFirst();
    }
}
