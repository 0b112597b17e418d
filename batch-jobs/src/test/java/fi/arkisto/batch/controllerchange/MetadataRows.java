package fi.arkisto.batch.controllerchange;

import fi.arkisto.store.object.ObjectStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Document rows of a register written straight into {@code archive.document_version} by one INSERT .. SELECT over
 * generate_series (the job reads metadata only; a million rows take seconds), every row pointing at one stored object
 * whose bytes are really in the object store, so that the verification's samples read back real bytes. Test identity
 * codes only (individual numbers 900-999, check character computed).
 */
public final class MetadataRows {

    private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    private MetadataRows() {
    }

    /**
     * {@code count} rows of {@code controller}'s register: service task 24 for even numbers and 25 for odd ones, over
     * {@code clients} clients, sets of one version, a case per ten documents.
     *
     * @return the OID prefix of the rows (each row {@code prefix.<n>})
     */
    public static String insert(JdbcTemplate jdbc, ObjectStore objects, String controller, long count, int clients) {
        byte[] bytes = ("<ClinicalDocument>controller change test " + UUID.randomUUID() + "</ClinicalDocument>")
                .getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(bytes);
        String key = ObjectStore.documentKey(sha256);
        objects.put(key, bytes, sha256);
        String prefix = "1.2.246.10.99." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String[] codes = new String[clients];
        for (int i = 0; i < clients; i++) {
            codes[i] = testCode(i);
        }
        jdbc.update("""
                INSERT INTO archive.document_version (document_oid, set_id, version_number, client_id, client_id_root,
                    controller_oid, service_unit_oid, service_task, document_group, effective_time, case_id, metadata,
                    status, sha256, size_bytes, object_key, archived_at, archived_by_org, archived_by_user,
                    original_custodian_oid, location_data, non_disclosure_declared, own_restriction, facts_read_at)
                SELECT ? || '.' || n, ? || '.' || n, 1, (?::varchar[])[1 + n % ?], '1.2.246.21', ?, ? || '.1',
                    CASE WHEN n % 2 = 0 THEN '24' ELSE '25' END, '3', now() - n * interval '1 second',
                    ? || '.case.' || (n / 10), '{}'::jsonb, 'ACTIVE', ?, ?, ?, now(), ?, 'metadata-rows', ?, false,
                    false, 'NONE', now()
                  FROM generate_series(1, ?) n""", prefix, prefix, codes, clients, controller,
                controller.substring(0, controller.length() - 2), prefix, sha256, bytes.length, key, controller, controller,
                count);
        return prefix;
    }

    /** A valid test identity code (individual number 900-999) for client number {@code i}. */
    static String testCode(int i) {
        int day = 1 + i % 28;
        int month = 1 + (i / 28) % 12;
        int year = 50 + (i / 336) % 50;
        int individual = 900 + (i / 16800) % 100;
        String date = String.format("%02d%02d%02d", day, month, year);
        int check = Integer.parseInt(date + individual) % 31;
        return date + "-" + individual + CHECK.charAt(check);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
