package fi.arkisto.store.document;

import java.util.List;

/**
 * One page of a client's documents the access decision allows, newest first, with the total number of allowed
 * documents matching the query (denied ones are neither listed nor counted).
 */
public record ClientDocumentsPage(List<ListedDocument> items, int page, int size, long total) {

    public ClientDocumentsPage {
        items = List.copyOf(items);
    }
}
