package fi.arkisto.store.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The canonical encoding and hash of an audit event. Every field is length-prefixed (a null is
 * length -1), so no two different events encode alike; the time is encoded as epoch microseconds,
 * the precision PostgreSQL stores.
 */
final class AuditChain {

    static final String GENESIS_HASH = "0".repeat(64);
    private static final byte[] DOMAIN = "arkisto-audit-v1".getBytes(StandardCharsets.US_ASCII);

    private AuditChain() {
    }

    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static String hash(String prevHash, long id, Instant occurredAt, String organisation, String userId,
                       String purposeOfUse, String operation, String documentOid, String clientId, String outcome,
                       String detail) {
        MessageDigest sha = sha256();
        sha.update(DOMAIN);
        field(sha, prevHash);
        field(sha, Long.toString(id));
        field(sha, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt)));
        field(sha, organisation);
        field(sha, userId);
        field(sha, purposeOfUse);
        field(sha, operation);
        field(sha, documentOid);
        field(sha, clientId);
        field(sha, outcome);
        field(sha, detail);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }
}
