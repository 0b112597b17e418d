package fi.arkisto.store.cda;

/** {@code hl7fi:softwareSupport}: the client information system that produced the document. */
public record SoftwareSupport(String moderator, String product, String version) {
}
