package fi.arkisto.store.rejection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 and size of a refused payload: enough to recognise a resubmission of the same bytes without keeping
 * the bytes (personal data minimisation). Computed with the JDK digest (STACK.md: faster than BouncyCastle's).
 */
public record PayloadFingerprint(String sha256, long size) {

    public static PayloadFingerprint of(byte[] payload) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        return new PayloadFingerprint(sha256(bytes), bytes.length);
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }
}
