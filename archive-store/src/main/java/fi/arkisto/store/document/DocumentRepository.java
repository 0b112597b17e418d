package fi.arkisto.store.document;

import fi.arkisto.store.access.facts.RestrictionKind;
import fi.arkisto.store.cda.Code;
import fi.arkisto.store.cda.DocumentMetadata;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** SQL over {@code archive.document_version} (invariants 3 and 4, docs/invariants.md are its constraints). Callers own the transactions. */
public final class DocumentRepository {

    private static final String COLUMNS = """
            document_oid, metadata::text AS metadata_json, status, sha256, size_bytes, object_key, archived_at,
            nullification_reason, warnings::text AS warnings_json, signatures::text AS signatures_json,
            original_custodian_oid, author_organisation_oid, location_data, non_disclosure_declared, own_restriction,
            minor_disclosure_code, facts_read_at, archived_by_org,\s""" + AssignedRegister.assignedController("document_version")
            + " AS assigned_controller_oid";
    private static final String INSERT = """
            INSERT INTO archive.document_version (document_oid, set_id, version_number, client_id, client_id_root,
                controller_oid, service_organiser_oid, service_unit_oid, service_task, document_group, general_type,
                specific_type, confidentiality, content_specification_id, effective_time, creation_time, case_id,
                client_relationship_id, retention_class, record_status, registry_type, replaces_oid,
                reason_of_correction, metadata, status, sha256, size_bytes, object_key, archived_at, archived_by_org,
                archived_by_user, warnings, signatures, original_custodian_oid, author_organisation_oid, location_data,
                non_disclosure_declared, own_restriction, minor_disclosure_code, facts_read_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'ACTIVE', ?, ?, ?, ?, ?,
                ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private static final RowMapper<StoredDocument> ROW = (rs, i) -> {
        DocumentMetadata metadata = DocumentJson.metadata(rs.getBytes("metadata_json"));
        OffsetDateTime archivedAt = rs.getObject("archived_at", OffsetDateTime.class);
        return new StoredDocument(new ArchivedDocument(metadata, DocumentStatus.valueOf(rs.getString("status")),
                rs.getString("sha256").trim(), rs.getLong("size_bytes"), archivedAt.toInstant(),
                rs.getString("nullification_reason"), DocumentJson.warnings(rs.getString("warnings_json")),
                DocumentJson.signatures(rs.getString("signatures_json"))), rs.getString("object_key"), facts(rs),
                rs.getString("archived_by_org"), rs.getString("assigned_controller_oid"));
    };

    /** The recorded access facts of a row, or null until they are read (V11, docs/access.md). */
    static RecordedFacts facts(ResultSet rs) throws SQLException {
        if (rs.getObject("facts_read_at") == null) {
            return null;
        }
        return new RecordedFacts(rs.getString("original_custodian_oid"), rs.getString("author_organisation_oid"),
                rs.getBoolean("location_data"), rs.getBoolean("non_disclosure_declared"),
                RestrictionKind.valueOf(rs.getString("own_restriction")), rs.getString("minor_disclosure_code"));
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public DocumentRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Bounds lock waits in the current transaction (rows being replaced, the audit chain head). */
    void limitLockWaits() {
        jdbc.execute("SET LOCAL lock_timeout = '30s'");
    }

    Optional<StoredDocument> find(String documentOid) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.document_version WHERE document_oid = ?", ROW, documentOid)
                .stream().findFirst();
    }

    Optional<StoredDocument> findForUpdate(String documentOid) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.document_version WHERE document_oid = ? FOR UPDATE",
                ROW, documentOid).stream().findFirst();
    }

    /**
     * The listed documents of a page: their metadata, status and digest, without the warnings, the signature evidence
     * and the facts a list item does not show ({@link ListedDocument}; the metadata read gives them).
     */
    List<ArchivedDocument> findListed(Collection<String> documentOids) {
        if (documentOids.isEmpty()) {
            return List.of();
        }
        return named.query("SELECT metadata::text AS metadata_json, status, sha256, size_bytes, archived_at,"
                + " nullification_reason FROM archive.document_version WHERE document_oid IN (:oids)",
                new MapSqlParameterSource("oids", documentOids), (rs, i) -> new ArchivedDocument(
                        DocumentJson.metadata(rs.getString("metadata_json")), DocumentStatus.valueOf(rs.getString("status")),
                        rs.getString("sha256").trim(), rs.getLong("size_bytes"),
                        rs.getObject("archived_at", OffsetDateTime.class).toInstant(),
                        rs.getString("nullification_reason"), List.of(), List.of()));
    }

    List<StoredDocument> findAll(Collection<String> documentOids) {
        if (documentOids.isEmpty()) {
            return List.of();
        }
        return named.query("SELECT " + COLUMNS + " FROM archive.document_version WHERE document_oid IN (:oids)",
                new MapSqlParameterSource("oids", documentOids), ROW);
    }

    /** The highest version of a set, which a new version must follow. */
    Optional<StoredDocument> currentOfSet(String setId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.document_version WHERE set_id = ?"
                + " ORDER BY version_number DESC LIMIT 1", ROW, setId).stream().findFirst();
    }

    /** The highest version of each of the sets. */
    List<StoredDocument> currentOfSets(Collection<String> setIds) {
        if (setIds.isEmpty()) {
            return List.of();
        }
        return named.query("SELECT DISTINCT ON (set_id) " + COLUMNS + " FROM archive.document_version"
                        + " WHERE set_id IN (:sets) ORDER BY set_id, version_number DESC",
                new MapSqlParameterSource("sets", setIds), ROW);
    }

    /** The client's active versions of one document group in every register: each set's current, valid version. */
    List<StoredDocument> activeOfClientGroup(String clientId, String documentGroup) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.document_version WHERE client_id = ?"
                + " AND document_group = ? AND status = 'ACTIVE' ORDER BY controller_oid, set_id", ROW, clientId,
                documentGroup);
    }

    /** The current, valid version of every set of the document group in one controller's register. */
    List<StoredDocument> activeOfControllerGroup(String controllerOid, String documentGroup) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.document_version WHERE controller_oid = ?"
                + " AND document_group = ? AND status = 'ACTIVE' ORDER BY client_id, set_id", ROW, controllerOid,
                documentGroup);
    }

    /**
     * Inserts the versions as one JDBC batch; a version whose OID or set and version number is
     * already taken is skipped (count 0), never overwritten, so the caller can tell a concurrent
     * duplicate from its own insert.
     */
    int[] insertIfAbsent(List<NewVersion> versions) {
        int[][] counts = jdbc.batchUpdate(INSERT, versions, 1_000, DocumentRepository::bind);
        int[] flat = new int[versions.size()];
        int k = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                // the driver may answer SUCCESS_NO_INFO (-2) for rewritten batches; the caller re-reads then
                flat[k++] = count;
            }
        }
        return flat;
    }

    int markReplaced(String documentOid, String replacedByOid, Instant at) {
        return jdbc.update("UPDATE archive.document_version SET status = 'REPLACED', replaced_by_oid = ?, replaced_at = ?"
                + " WHERE document_oid = ? AND status = 'ACTIVE'", replacedByOid, Timestamp.from(at), documentOid);
    }

    int markNullified(String documentOid, String reason, String organisation, String userId, Instant at) {
        return jdbc.update("UPDATE archive.document_version SET status = 'NULLIFIED', nullified_at = ?,"
                        + " nullified_by_org = ?, nullified_by_user = ?, nullification_reason = ?"
                        + " WHERE document_oid = ? AND status <> 'NULLIFIED'",
                Timestamp.from(at), organisation, userId, reason, documentOid);
    }

    boolean referencesObject(String objectKey) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM archive.document_version WHERE object_key = ?)", Boolean.class, objectKey));
    }

    /**
     * The rows a client document list decides on (docs/access.md, "A client's document list"): the current versions
     * (replaced ones left out) of the client's own documents and of those attached to a mutual case it is a party of in the registers named, or in every register but {@code excludedRegister},
     * matching the query's filters, newest first by effective time; with the columns the access decision needs, never
     * the metadata document. What SQL can decide is decided here; the access rules decide each row.
     *
     * @param registers        the controllers whose registers are listed, or null for every register
     * @param providerOf       with {@code registers}: also the registers of every organiser that has a register access
     *                         agreement with this provider, in effect or not, or a register access right deployment
     *                         test with it whose window is open (the caller narrows them), or null
     * @param excludedRegister a register left out when {@code registers} is null, or null
     */
    List<ListRow> listRows(String clientId, Collection<String> registers, String providerOf, String excludedRegister,
                           ClientDocumentsQuery query) {
        StringBuilder where = new StringBuilder(" AND status <> 'REPLACED'");
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("client", clientId);
        if (registers != null) {
            if (registers.isEmpty() && providerOf == null) {
                return List.of();
            }
            // the register's current controller: a completed controller change's assignment (V14), else the row's
            String register = "COALESCE(a.new_controller_oid, controller_oid)";
            // and every organiser whose register access right deployment test with the provider has its window open
            String organisers = register + " IN (SELECT organiser_oid FROM archive.register_access_agreement"
                    + " WHERE provider_oid = :provider UNION SELECT organisation_oid FROM archive.deployment_test_run"
                    + " WHERE partner_organisation_oid = :provider AND state = 'OPEN')";
            if (providerOf == null) {
                where.append(" AND ").append(register).append(" IN (:registers)");
            } else if (registers.isEmpty()) {
                where.append(" AND ").append(organisers);
            } else {
                where.append(" AND (").append(register).append(" IN (:registers) OR ").append(organisers).append(')');
            }
            params.addValue("registers", registers).addValue("provider", providerOf);
        } else if (excludedRegister != null) {
            where.append(" AND COALESCE(a.new_controller_oid, controller_oid) <> :excluded");
            params.addValue("excluded", excludedRegister);
        }
        if (query.serviceTask() != null) {
            where.append(" AND service_task = :task");
            params.addValue("task", query.serviceTask());
        }
        if (query.documentGroup() != null) {
            where.append(" AND document_group = :group");
            params.addValue("group", query.documentGroup());
        }
        if (query.caseId() != null) {
            where.append(" AND case_id = :case");
            params.addValue("case", query.caseId());
        }
        if (query.from() != null) {
            where.append(" AND effective_time >= :from");
            params.addValue("from", query.from(), Types.TIMESTAMP_WITH_TIMEZONE);
        }
        if (query.to() != null) {
            where.append(" AND effective_time < :to");
            params.addValue("to", query.to(), Types.TIMESTAMP_WITH_TIMEZONE);
        }
        // the client's own documents, and those attached to a mutual case its current topic versions name it a party
        // of: two index lookups (by client, by case) as one UNION ALL, since an OR of the two reads the whole table
        // the latest completed controller change's assignment (V14, V16) names the register's current controller: one
        // primary key lookup per row of the client, the row itself unchanged
        String select = "SELECT v.document_oid, set_id, client_id, controller_oid, a.new_controller_oid,"
                + " service_unit_oid, service_task,"
                + " document_group, general_type, specific_type, case_id, effective_time, archived_at,"
                + " original_custodian_oid, author_organisation_oid, location_data, non_disclosure_declared,"
                + " own_restriction, minor_disclosure_code, facts_read_at FROM archive.document_version v"
                + " LEFT JOIN LATERAL (SELECT a.new_controller_oid FROM archive.controller_assignment a"
                + " JOIN archive.controller_change c ON c.id = a.change_id AND c.completed_at IS NOT NULL"
                + " WHERE a.document_oid = v.document_oid ORDER BY c.completed_at DESC LIMIT 1) a ON true WHERE ";
        return named.query(select + "client_id = :client" + where + " UNION ALL " + select + "case_id IN"
                + " (SELECT p.case_id FROM archive.mutual_case_party p JOIN archive.document_version t"
                + " ON t.document_oid = p.topic_document_oid AND t.status = 'ACTIVE' WHERE p.party_id = :client)"
                + " AND client_id <> :client" + where
                + " ORDER BY effective_time DESC NULLS LAST, document_oid", params, (rs, i) -> new ListRow(
                rs.getString("document_oid"), rs.getString("set_id"), rs.getString("client_id"),
                current(rs), rs.getString("service_unit_oid"), rs.getString("service_task"),
                rs.getString("document_group"), rs.getString("general_type"), rs.getString("specific_type"),
                rs.getString("case_id"), rs.getObject("effective_time", OffsetDateTime.class),
                rs.getObject("archived_at", OffsetDateTime.class).toInstant(), facts(rs),
                rs.getString("new_controller_oid") == null ? null : rs.getString("controller_oid")));
    }

    private static String current(ResultSet rs) throws SQLException {
        String assigned = rs.getString("new_controller_oid");
        return assigned != null ? assigned : rs.getString("controller_oid");
    }

    private static void bind(PreparedStatement ps, NewVersion v) throws SQLException {
        DocumentMetadata m = v.metadata();
        int i = 1;
        ps.setString(i++, m.documentOid().value());
        ps.setString(i++, m.setId());
        ps.setInt(i++, m.versionNumber());
        ps.setString(i++, m.clientId());
        ps.setString(i++, m.clientIdRoot());
        ps.setString(i++, m.controllerOid());
        ps.setString(i++, m.serviceOrganiserOid());
        ps.setString(i++, m.serviceUnitOid());
        ps.setString(i++, code(m.serviceTask()));
        ps.setString(i++, code(m.documentGroup()));
        ps.setString(i++, code(m.generalDocumentType()));
        ps.setString(i++, code(m.specificDocumentType()));
        ps.setString(i++, code(m.confidentiality()));
        ps.setString(i++, m.contentSpecificationId());
        ps.setObject(i++, m.effectiveTime(), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setObject(i++, m.creationTime(), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(i++, m.caseId());
        ps.setString(i++, m.clientRelationshipId());
        ps.setString(i++, code(m.retentionPeriodClass()));
        ps.setString(i++, code(m.recordStatus()));
        ps.setString(i++, code(m.registryType()));
        ps.setString(i++, m.replacesDocumentOid());
        ps.setString(i++, m.reasonOfCorrection());
        ps.setString(i++, DocumentJson.write(m));
        ps.setString(i++, v.sha256());
        ps.setLong(i++, v.size());
        ps.setString(i++, v.objectKey());
        ps.setTimestamp(i++, Timestamp.from(v.archivedAt()));
        ps.setString(i++, v.archivedBy().organisation().value());
        ps.setString(i++, v.archivedBy().userId());
        ps.setString(i++, DocumentJson.write(v.warnings()));
        ps.setString(i++, DocumentJson.write(v.signatures()));
        RecordedFacts facts = v.facts();
        if (facts == null) {
            // a version recorded as an earlier release did, without its access facts (the backfill reads them)
            for (int k = 0; k < 7; k++) {
                ps.setNull(i++, k == 2 || k == 3 ? Types.BOOLEAN : k == 6 ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR);
            }
            return;
        }
        ps.setString(i++, facts.originalCustodian());
        ps.setString(i++, facts.authorOrganisation());
        ps.setBoolean(i++, facts.locationData());
        ps.setBoolean(i++, facts.nonDisclosureDeclared());
        ps.setString(i++, facts.ownRestriction().name());
        ps.setString(i++, facts.minorDisclosureCode());
        ps.setTimestamp(i, Timestamp.from(v.archivedAt()));
    }

    /** Up to {@code limit} versions whose access facts are not yet read, after {@code afterOid} (null: from the first). */
    List<StoredDocument> withoutFacts(String afterOid, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.document_version WHERE facts_read_at IS NULL"
                + " AND document_oid > ? ORDER BY document_oid LIMIT ?", ROW, afterOid == null ? "" : afterOid, limit);
    }

    /** Fills a version's access facts once (V11's trigger refuses any later change); 0 when another filled them. */
    int fillFacts(String documentOid, RecordedFacts facts, Instant at) {
        return jdbc.update("UPDATE archive.document_version SET original_custodian_oid = ?, author_organisation_oid = ?,"
                        + " location_data = ?, non_disclosure_declared = ?, own_restriction = ?,"
                        + " minor_disclosure_code = ?, facts_read_at = ? WHERE document_oid = ? AND facts_read_at IS NULL",
                facts.originalCustodian(), facts.authorOrganisation(), facts.locationData(),
                facts.nonDisclosureDeclared(), facts.ownRestriction().name(), facts.minorDisclosureCode(),
                Timestamp.from(at), documentOid);
    }

    private static String code(Code code) {
        return code == null ? null : code.code();
    }
}
