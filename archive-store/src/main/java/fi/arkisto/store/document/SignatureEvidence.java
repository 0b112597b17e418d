package fi.arkisto.store.document;

import java.time.Instant;

/**
 * The archive's record of verifying one signature of a document: kept with the document so a
 * later reader can see what was checked, against which certificate, at which signing time.
 *
 * @param signatureId        the {@code hl7fi:signature/@ID}
 * @param type               professional or system, as classified and cross-checked against the certificate
 * @param signer             the signer's name (certificate CN) or the organisation for system signatures
 * @param valid              whether the signature verified and its certificate was trusted at signing time
 * @param result             {@code VALID} or the {@link fi.arkisto.store.error.ErrorCode} name of the failure
 * @param signingTime        the signed {@code signatureTimestamp}
 * @param certificateSubject subject DN of the signing certificate
 * @param certificateIssuer  issuer DN of the signing certificate
 * @param certificateSerial  serial number of the signing certificate, hex
 * @param verifiedAt         when the archive verified it
 */
public record SignatureEvidence(String signatureId, SignatureType type, String signer, boolean valid, String result,
                                Instant signingTime, String certificateSubject, String certificateIssuer,
                                String certificateSerial, Instant verifiedAt) {
}
