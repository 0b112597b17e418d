package fi.arkisto.testkit.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A document that arrived during a test window, with what the archive holds of it (for the verifier).
 *
 * @param refusal             why the archive refused it ({@code CODE: detail}), or null when it was archived
 * @param inControllerRegister whether it is in the register of the organisation under test
 * @param status              ACTIVE, REPLACED or NULLIFIED, or null when not archived
 * @param validSignatureTypes the signature type codes (1, 3) that verified, as recorded at archiving
 * @param identityCodes       every identity code the document carries
 * @param warnings            codes of the archiving-stage warnings (e.g. an unknown structure let through)
 */
public record ArrivedDocument(String documentOid, Instant receivedAt, String refusal, boolean archived,
                              boolean inControllerRegister, String setId, int version, String status,
                              String documentGroup, String generalDocumentType, String contentSpecificationId,
                              Set<String> validSignatureTypes, Set<String> identityCodes, List<String> warnings) {

    public ArrivedDocument {
        validSignatureTypes = validSignatureTypes == null ? Set.of() : Set.copyOf(validSignatureTypes);
        identityCodes = identityCodes == null ? Set.of() : Set.copyOf(identityCodes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A document the archive refused (or never recorded): only its arrival is known. */
    public static ArrivedDocument refused(String documentOid, Instant receivedAt, String refusal) {
        return new ArrivedDocument(documentOid, receivedAt, refusal, false, false, null, 0, null, null, null, null,
                Set.of(), Set.of(), List.of());
    }
}
