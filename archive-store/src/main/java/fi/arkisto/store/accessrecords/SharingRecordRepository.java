package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.sharing.DenialTarget;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL over {@code archive.sharing_record}: inserts and one withdrawal stamp per record, nothing else. */
class SharingRecordRepository {

    private static final String COLUMNS = """
            id, client_id, kind, valid_from, valid_until, target_type, target_value, description, recorded_at,
            recorded_by_org, recorded_by_user, recorded_purpose, withdrawn_on, withdrawn_at, withdrawn_by_org,
            withdrawn_by_user, withdrawn_purpose, withdrawal_reason""";

    private static final RowMapper<SharingRecord> ROW = (rs, i) -> new SharingRecord(
            new RecordId(rs.getObject("id", UUID.class)), rs.getString("client_id"),
            SharingRecordKind.valueOf(rs.getString("kind")), day(rs, "valid_from"), day(rs, "valid_until"),
            rs.getString("target_type") == null ? null : DenialTarget.valueOf(rs.getString("target_type")),
            rs.getString("target_value"), rs.getString("description"),
            Rows.stamp(rs, "recorded_at", "recorded_by_org", "recorded_by_user", "recorded_purpose"),
            rs.getTimestamp("withdrawn_at") == null ? null : new Ending(day(rs, "withdrawn_on"),
                    Rows.stamp(rs, "withdrawn_at", "withdrawn_by_org", "withdrawn_by_user", "withdrawn_purpose"),
                    rs.getString("withdrawal_reason")));

    private final JdbcTemplate jdbc;

    SharingRecordRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    void insert(SharingRecord record) {
        Stamp recorded = record.recorded();
        jdbc.update("INSERT INTO archive.sharing_record (id, client_id, kind, valid_from, valid_until, target_type,"
                        + " target_value, description, recorded_at, recorded_by_org, recorded_by_user, recorded_purpose)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                record.id().value(), record.clientId(), record.kind().name(), Date.valueOf(record.validFrom()),
                record.validUntil() == null ? null : Date.valueOf(record.validUntil()),
                record.target() == null ? null : record.target().name(), record.targetValue(), record.description(),
                Timestamp.from(recorded.at()), recorded.organisation(), recorded.userId(), recorded.purposeOfUse());
    }

    Optional<SharingRecord> find(String clientId, SharingRecordKind kind, RecordId id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.sharing_record WHERE id = ? AND client_id = ? AND kind = ?",
                ROW, id.value(), clientId, kind.name()).stream().findFirst();
    }

    /** The client's records of one kind, oldest first. */
    List<SharingRecord> history(String clientId, SharingRecordKind kind) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.sharing_record WHERE client_id = ? AND kind = ?"
                + " ORDER BY recorded_at, id", ROW, clientId, kind.name());
    }

    /** Every record of the client, every kind, oldest first. */
    List<SharingRecord> all(String clientId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.sharing_record WHERE client_id = ?"
                + " ORDER BY kind, recorded_at, id", ROW, clientId);
    }

    /** Stamps the withdrawal unless the record already carries one; answers whether this call stamped it. */
    boolean withdraw(RecordId id, Ending withdrawal) {
        Stamp stamp = withdrawal.stamp();
        return jdbc.update("UPDATE archive.sharing_record SET withdrawn_on = ?, withdrawn_at = ?, withdrawn_by_org = ?,"
                        + " withdrawn_by_user = ?, withdrawn_purpose = ?, withdrawal_reason = ?"
                        + " WHERE id = ? AND withdrawn_at IS NULL",
                Date.valueOf(withdrawal.from()), Timestamp.from(stamp.at()), stamp.organisation(), stamp.userId(),
                stamp.purposeOfUse(), withdrawal.reason(), id.value()) == 1;
    }

    private static LocalDate day(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
