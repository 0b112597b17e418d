package fi.arkisto.store.document;

/** The original bytes of an archived version exactly as submitted, verified against their recorded SHA-256. */
public record StoredContent(byte[] bytes, String sha256, ArchivedDocument document) {
}
