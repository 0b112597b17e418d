package fi.arkisto.store.document;

/** The decoded human-readable display form of an archived version (from {@code nonXMLBody/text}). */
public record DisplayForm(byte[] content, String mediaType, ArchivedDocument document) {
}
