package fi.arkisto.store.cda;

/**
 * One entry of {@code hl7fi:signatureCollection} as read from the header, before any
 * verification: its XML id, its type code (1 = professional, 3 = system, code system
 * {@code 1.2.246.537.5.40127.2006}), the signed timestamp text and the certificate subject.
 */
public record SignatureSummary(String id, String typeCode, String signingTime, String certificateSubject) {
}
