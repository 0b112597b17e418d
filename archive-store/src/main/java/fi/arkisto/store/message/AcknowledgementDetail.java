package fi.arkisto.store.message;

/**
 * One {@code acknowledgementDetail}: {@code typeCode} E (error), W (warning) or I (information), the code
 * (a stable {@link fi.arkisto.store.error.ErrorCode} name, or ARCHIVED / DUPLICATE / NULLIFIED) and a text.
 */
public record AcknowledgementDetail(String typeCode, String code, String text) {
}
