package fi.arkisto.app.api.document;

/** Body of {@code POST /api/v1/documents/{oid}/nullification}: why the document is declared void. */
public record NullificationRequest(String reason) {
}
