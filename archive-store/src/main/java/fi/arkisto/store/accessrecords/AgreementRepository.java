package fi.arkisto.store.accessrecords;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL over {@code archive.register_access_agreement}: inserts and one end stamp per agreement, nothing else. */
class AgreementRepository {

    private static final String COLUMNS = """
            id, organiser_oid, provider_oid, extensive, service_tasks, valid_from, valid_until, contract_reference,
            created_at, created_by_org, created_by_user, created_purpose, ends_on, ended_at, ended_by_org, ended_by_user,
            ended_purpose, end_reason""";

    private static final RowMapper<AgreementRecord> ROW = (rs, i) -> new AgreementRecord(
            new RecordId(rs.getObject("id", UUID.class)), rs.getString("organiser_oid"), rs.getString("provider_oid"),
            rs.getBoolean("extensive"), tasks(rs.getArray("service_tasks")), rs.getObject("valid_from", LocalDate.class),
            rs.getObject("valid_until", LocalDate.class), rs.getString("contract_reference"),
            Rows.stamp(rs, "created_at", "created_by_org", "created_by_user", "created_purpose"),
            rs.getTimestamp("ended_at") == null ? null : new Ending(rs.getObject("ends_on", LocalDate.class),
                    Rows.stamp(rs, "ended_at", "ended_by_org", "ended_by_user", "ended_purpose"), rs.getString("end_reason")));

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    AgreementRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * Serialises creations between the same two organisations until the transaction ends, so that two concurrent
     * requests cannot both pass the overlap check.
     */
    void lockPair(String organiser, String provider) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtextextended(? || '>' || ?, 0))", Object.class,
                organiser, provider);
    }

    void insert(AgreementRecord agreement) {
        Stamp created = agreement.created();
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("INSERT INTO archive.register_access_agreement (id, organiser_oid,"
                    + " provider_oid, extensive, service_tasks, valid_from, valid_until, contract_reference, created_at,"
                    + " created_by_org, created_by_user, created_purpose) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            ps.setObject(1, agreement.id().value());
            ps.setString(2, agreement.organiser());
            ps.setString(3, agreement.provider());
            ps.setBoolean(4, agreement.extensive());
            ps.setArray(5, connection.createArrayOf("varchar", agreement.serviceTasks().toArray()));
            ps.setDate(6, Date.valueOf(agreement.validFrom()));
            ps.setDate(7, agreement.validUntil() == null ? null : Date.valueOf(agreement.validUntil()));
            ps.setString(8, agreement.contractReference());
            ps.setTimestamp(9, Timestamp.from(created.at()));
            ps.setString(10, created.organisation());
            ps.setString(11, created.userId());
            ps.setString(12, created.purposeOfUse());
            return ps;
        });
    }

    Optional<AgreementRecord> find(RecordId id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.register_access_agreement WHERE id = ?", ROW, id.value())
                .stream().findFirst();
    }

    /** Every agreement between the two, in either state, oldest first. */
    List<AgreementRecord> between(String organiser, String provider) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.register_access_agreement"
                + " WHERE organiser_oid = ? AND provider_oid = ? ORDER BY valid_from, created_at", ROW, organiser, provider);
    }

    /** Every agreement the organisation is a party of (optionally only with one counterpart), oldest first. */
    List<AgreementRecord> ofParty(String organisation, String counterpart) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organisation);
        String where = "(organiser_oid = :org OR provider_oid = :org)";
        if (counterpart != null) {
            where += " AND (organiser_oid = :other OR provider_oid = :other)";
            params.addValue("other", counterpart);
        }
        return named.query("SELECT " + COLUMNS + " FROM archive.register_access_agreement WHERE " + where
                + " ORDER BY valid_from, created_at, id", params, ROW);
    }

    /** Every agreement of the organisers, in either state. */
    List<AgreementRecord> ofOrganisers(Collection<String> organisers) {
        if (organisers.isEmpty()) {
            return List.of();
        }
        return named.query("SELECT " + COLUMNS + " FROM archive.register_access_agreement"
                        + " WHERE organiser_oid IN (:organisers) ORDER BY valid_from, created_at, id",
                new MapSqlParameterSource("organisers", organisers), ROW);
    }

    /** Stamps the end unless the agreement already carries one; answers whether this call stamped it. */
    boolean end(RecordId id, Ending end) {
        Stamp stamp = end.stamp();
        return jdbc.update("UPDATE archive.register_access_agreement SET ends_on = ?, ended_at = ?, ended_by_org = ?,"
                        + " ended_by_user = ?, ended_purpose = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
                Date.valueOf(end.from()), Timestamp.from(stamp.at()), stamp.organisation(), stamp.userId(),
                stamp.purposeOfUse(), end.reason(), id.value()) == 1;
    }

    private static List<String> tasks(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
