package fi.arkisto.app.api.document;

import fi.arkisto.app.api.ApiProperties;
import fi.arkisto.store.document.ClientDocumentsPage;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One page of a client's documents, newest first.
 *
 * @param page       zero-based page number
 * @param size       page size asked for
 * @param total      number of matching documents on all pages
 * @param totalPages number of pages
 */
public record ClientDocumentsResponse(List<DocumentSummary> items, int page, int size, long total, long totalPages) {

    /**
     * The page size asked for, or the default, after checking the paging and the time window of a list request.
     *
     * @throws ArchiveException INVALID_REQUEST for a negative page, a size outside 1 to the maximum, or a window whose
     *                          end is not after its start
     */
    static int checkedPageSize(ApiProperties properties, int page, Integer size, OffsetDateTime from,
                               OffsetDateTime to) {
        int pageSize = size == null ? properties.defaultPageSize() : size;
        if (page < 0 || pageSize < 1 || pageSize > properties.maxPageSize()) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST,
                    "page must be >= 0 and size 1-" + properties.maxPageSize());
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "from must be before to");
        }
        return pageSize;
    }

    /** The archive's page as the API answers it, with the number of pages of that size. */
    static ClientDocumentsResponse of(ClientDocumentsPage result, int pageSize) {
        long totalPages = (result.total() + pageSize - 1) / pageSize;
        return new ClientDocumentsResponse(result.items().stream().map(DocumentSummary::of).toList(),
                result.page(), result.size(), result.total(), totalPages);
    }
}
