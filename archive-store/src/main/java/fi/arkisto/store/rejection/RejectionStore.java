package fi.arkisto.store.rejection;

import fi.arkisto.store.error.ErrorCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reject store (table {@code archive.rejection}, V30): where every refused submission of every channel ends
 * with its stable error code and reason (invariant 1 (docs/invariants.md)). Rows are only ever added, and each gains
 * once the stamp of its resolution when its document later archives (V13).
 */
@Repository
public class RejectionStore {

    static final int MAX_REFERENCE = 1000;
    static final int MAX_REASON = 4000;

    private static final RowMapper<Rejection> ROW = (rs, i) -> new Rejection(
            rs.getLong("id"),
            IngestChannel.valueOf(rs.getString("channel")),
            rs.getString("source_reference"),
            rs.getString("message_id"),
            rs.getTimestamp("received_at").toInstant(),
            rs.getTimestamp("rejected_at").toInstant(),
            ErrorCode.valueOf(rs.getString("error_code")),
            rs.getString("reason"),
            new PayloadFingerprint(rs.getString("payload_sha256"), rs.getLong("payload_size")),
            rs.getTimestamp("resolved_at") == null ? null : new Rejection.Resolution(
                    rs.getTimestamp("resolved_at").toInstant(), rs.getString("resolved_by_document")));

    private final JdbcTemplate jdbc;

    public RejectionStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Rejection record(IngestChannel channel, String sourceReference, String messageId, Instant receivedAt,
                            ErrorCode code, String reason, PayloadFingerprint payload) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(payload, "payload");
        String reference = clip(sourceReference == null ? "(unnamed)" : sourceReference, MAX_REFERENCE);
        String text = clip(reason == null || reason.isBlank() ? code.title() : reason, MAX_REASON);
        Instant received = receivedAt == null ? Instant.now() : receivedAt;
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO archive.rejection (channel, source_reference, message_id, received_at, error_code,
                                                   reason, payload_sha256, payload_size)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, channel.name());
            ps.setString(2, reference);
            ps.setString(3, messageId == null ? null : clip(messageId, 300));
            ps.setTimestamp(4, Timestamp.from(received));
            ps.setString(5, code.name());
            ps.setString(6, text);
            ps.setString(7, payload.sha256());
            ps.setLong(8, payload.size());
            return ps;
        }, keys);
        long id = ((Number) keys.getKeys().get("id")).longValue();
        return jdbc.queryForObject("SELECT * FROM archive.rejection WHERE id = ?", ROW, id);
    }

    /** Rejections whose source reference is the given one or lies inside it ({@code package.zip!entry}). */
    public List<Rejection> findBySource(String sourceReference) {
        return jdbc.query("""
                SELECT * FROM archive.rejection
                WHERE source_reference = ? OR source_reference LIKE ? ESCAPE '\\'
                ORDER BY id""", ROW, sourceReference, escapeLike(sourceReference) + "!%");
    }

    public List<Rejection> findByMessageId(String messageId) {
        return jdbc.query("SELECT * FROM archive.rejection WHERE message_id = ? ORDER BY id", ROW, messageId);
    }

    public List<Rejection> findByPayload(String sha256) {
        return jdbc.query("SELECT * FROM archive.rejection WHERE payload_sha256 = ? ORDER BY id", ROW, sha256);
    }

    /**
     * Marks resolved every unresolved refusal of the given document's bytes, now that the document is archived
     * (docs/messages.md, "Reject records"): an outage the sender waited out, a dead letter replayed, a resubmission
     * after a fix. A record is resolved once; the first document to resolve it stays its resolution.
     *
     * @param documents each archived document's OID with the SHA-256 of its bytes
     * @return how many records became resolved
     */
    public int resolve(Map<String, String> documents) {
        if (documents.isEmpty()) {
            return 0;
        }
        int resolved = 0;
        for (int count : jdbc.batchUpdate("""
                UPDATE archive.rejection SET resolved_at = now(), resolved_by_document = ?
                WHERE payload_sha256 = ? AND resolved_at IS NULL""", documents.entrySet().stream()
                .map(d -> new Object[] {d.getKey(), d.getValue()}).toList())) {
            resolved += Math.max(count, 0);
        }
        return resolved;
    }

    /** The refusals not resolved yet, oldest first, at most {@code limit}. */
    public List<Rejection> findUnresolved(int limit) {
        return jdbc.query("SELECT * FROM archive.rejection WHERE resolved_at IS NULL ORDER BY id LIMIT ?", ROW, limit);
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 3) + "...";
    }
}
