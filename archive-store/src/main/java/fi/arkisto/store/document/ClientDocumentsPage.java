package fi.arkisto.store.document;

import java.util.List;

/** One page of a client's documents, newest first, with the total number matching the query. */
public record ClientDocumentsPage(List<ArchivedDocument> items, int page, int size, long total) {

    public ClientDocumentsPage {
        items = List.copyOf(items);
    }
}
