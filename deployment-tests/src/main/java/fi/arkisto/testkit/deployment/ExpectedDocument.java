package fi.arkisto.testkit.deployment;

import fi.arkisto.store.document.DocumentStatus;
import fi.arkisto.store.document.SignatureType;

/**
 * One document a deployment test case needs (kanta.fi: "the test involves entering the data for a specified test
 * case at a predetermined time").
 *
 * @param key                 stable name of the item, e.g. {@code decision}
 * @param documentGroup       hl7fi:documentGroup code (1 client relationship, 2 case, 3 other client document)
 * @param generalDocumentType general document type code ({@code code}), or null for the client relationship document
 * @param version             1 for an original, 2 for the replacement of the item of the same group and type
 * @param status              what the archive must hold at the end: ACTIVE, REPLACED (replaced by the test's
 *                            replacement) or NULLIFIED (nullified during the test)
 * @param signature           the signature type the document must carry, valid
 * @param structured          whether it must be a structured document (a THL structure, verified at archiving)
 */
public record ExpectedDocument(String key, String nameFi, String nameEn, String documentGroup, String generalDocumentType,
                               int version, DocumentStatus status, SignatureType signature, boolean structured) {
}
