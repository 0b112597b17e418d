package fi.arkisto.store.document;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.time.OffsetDateTime;

/**
 * Filters and paging of a client's document listing. Null filters match everything; codes are
 * compared with the header codes (service task code of {@code 1.2.246.537.6.1221.201601}, document
 * group code of {@code 1.2.246.537.6.1505.201601}); the time range is on the document's
 * effective time, {@code from} inclusive and {@code to} exclusive.
 *
 * @param page zero-based page number
 * @param size items per page, 1-{@value #MAX_SIZE}
 */
public record ClientDocumentsQuery(String serviceTask, String documentGroup, String caseId, OffsetDateTime from,
                                   OffsetDateTime to, int page, int size) {

    public static final int MAX_SIZE = 500;

    public ClientDocumentsQuery {
        serviceTask = blankToNull(serviceTask);
        documentGroup = blankToNull(documentGroup);
        caseId = blankToNull(caseId);
        if (page < 0) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "page must not be negative, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "size must be 1-" + MAX_SIZE + ", was " + size);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "from must be before to");
        }
    }

    /** The first page of 50 with no filters. */
    public static ClientDocumentsQuery firstPage() {
        return new ClientDocumentsQuery(null, null, null, null, null, 0, 50);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
