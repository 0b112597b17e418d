package fi.arkisto.store.document;

import java.time.Instant;

/**
 * The archive's record of verifying one signature of a document: kept with the document so a
 * later reader can see what was checked, against which certificate, at which signing time, and when and how the
 * document arrived (docs/trust.md).
 *
 * @param signatureId          the {@code hl7fi:signature/@ID}
 * @param type                 professional or system, as classified and cross-checked against the certificate
 * @param signer               the signer's name (certificate CN) or the organisation for system signatures
 * @param valid                whether the signature verified and its certificate was trusted at signing time
 * @param result               {@code VALID} or the {@link fi.arkisto.store.error.ErrorCode} name of the failure
 * @param signingTime          the signed {@code signatureTimestamp}
 * @param certificateSubject   subject DN of the signing certificate
 * @param certificateIssuer    issuer DN of the signing certificate
 * @param certificateSerial    serial number of the signing certificate, hex
 * @param verifiedAt           when the archive verified it
 * @param arrivedAt            when the document reached the archive (the bound of the signing time's claim)
 * @param channel              the way it came in ({@link Intake.Channel} name)
 * @param signerOrganisation   for a system signature, the organisation OID of its certificate (subject serialNumber)
 * @param organisationRelation for a system signature, how that organisation relates to the register's controller
 *                             ({@code CONTROLLER}, {@code PRODUCER}); null when not judged or when it does not
 * @param relationBasis        between whom that relation holds, in words
 */
public record SignatureEvidence(String signatureId, SignatureType type, String signer, boolean valid, String result,
                                Instant signingTime, String certificateSubject, String certificateIssuer,
                                String certificateSerial, Instant verifiedAt, Instant arrivedAt, String channel,
                                String signerOrganisation, String organisationRelation, String relationBasis) {
}
