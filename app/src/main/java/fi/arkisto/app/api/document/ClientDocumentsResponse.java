package fi.arkisto.app.api.document;

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
}
