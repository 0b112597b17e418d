package fi.arkisto.testkit.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One line of the generator's side file {@value TestDataGenerator#ACCESS_RECORDS}: an API call that records a
 * client's informing, consent or denial, or a register access agreement, as the organisation named would make it
 * once the generated documents are archived. {@link AccessRecordsLoader} replays the file through the API.
 *
 * @param kind         {@code informing}, {@code consent}, {@code denial} or {@code agreement}
 * @param clientId     the client, or null for an agreement
 * @param organisation the acting organisation ({@code X-Organisation-Oid})
 * @param path         the API path to POST the body to
 * @param body         the request body, exactly as the API takes it
 * @param withdraw     whether the record is withdrawn after it is made ({@code .../{id}/withdrawal})
 */
public record AccessRecord(String kind, String clientId, String organisation, String path, ObjectNode body,
                           boolean withdraw) {

    public AccessRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
    }
}
