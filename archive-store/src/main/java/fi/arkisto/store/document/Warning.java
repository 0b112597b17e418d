package fi.arkisto.store.document;

/**
 * A disagreement recorded on a document without refusing it, e.g. header birthTime against the
 * structured form's birth date (real documents from the field disagree on secondary fields).
 */
public record Warning(String code, String message) {
}
