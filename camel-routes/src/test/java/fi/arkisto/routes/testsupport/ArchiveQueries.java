package fi.arkisto.routes.testsupport;

import fi.arkisto.store.rejection.PayloadFingerprint;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** What a user of the archive would check, read straight from the archive's tables. */
public final class ArchiveQueries {

    private final JdbcTemplate jdbc;

    public ArchiveQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public int versions(String documentOid) {
        return jdbc.queryForObject("SELECT count(*) FROM archive.document_version WHERE document_oid = ?",
                Integer.class, documentOid);
    }

    public String status(String documentOid) {
        return jdbc.queryForObject("SELECT status FROM archive.document_version WHERE document_oid = ?",
                String.class, documentOid);
    }

    public int rejections(String sourceReferencePrefix) {
        return jdbc.queryForObject("SELECT count(*) FROM archive.rejection WHERE source_reference LIKE ?",
                Integer.class, sourceReferencePrefix + "%");
    }

    public int rejectionsOfPayload(byte[] payload) {
        return jdbc.queryForObject("SELECT count(*) FROM archive.rejection WHERE payload_sha256 = ?",
                Integer.class, PayloadFingerprint.of(payload).sha256());
    }

    /** The document each reject record of these bytes was resolved by, null for one still unresolved. */
    public java.util.List<String> resolutionsOfPayload(byte[] payload) {
        return jdbc.query("SELECT resolved_by_document FROM archive.rejection WHERE payload_sha256 = ? ORDER BY id",
                (rs, i) -> rs.getString(1), PayloadFingerprint.of(payload).sha256());
    }
}
