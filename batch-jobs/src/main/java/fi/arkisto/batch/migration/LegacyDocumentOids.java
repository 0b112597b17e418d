package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.identity.Oid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Document OIDs for wrapped legacy documents, derived from the controller and the legacy id alone:
 * {@code <controller OID>.<arc>.<63 bits of SHA-256(controller "|" legacy id)>}. A restarted or repeated
 * migration therefore re-derives the same OID for the same legacy document (docs/legacy-package.md: idempotent, exactly once),
 * and the OID lies in the controller's own arc as Kanta document OIDs do. With 63 bits, the chance of any
 * collision among a million legacy ids of one controller is below 10^-7.
 */
public final class LegacyDocumentOids {

    private LegacyDocumentOids() {
    }

    public static DocumentOid derive(Oid controller, String legacyId, int arc) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha256.update(controller.value().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '|');
        sha256.update(legacyId.getBytes(StandardCharsets.UTF_8));
        long serial = ByteBuffer.wrap(sha256.digest()).getLong() & Long.MAX_VALUE;
        return DocumentOid.of(controller.value() + "." + arc + "." + Math.max(serial, 1));
    }
}
