package fi.arkisto.app.packaged;

import fi.arkisto.embedded.EmbeddedPostgresServer;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.testsupport.StallingProxy;
import fi.arkisto.store.testsupport.TestObjectStorage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stores of one fault drill, owned by the test and outliving the archive's process: an embedded PostgreSQL on a
 * port of its own (stopped and started again on the same data directory and port for a database outage; the
 * machine's shared server is never touched) and an embedded S3 server behind a {@link StallingProxy} (cut for an
 * object store outage). The test reads both directly to check what the archive left behind.
 */
final class DrillStores implements AutoCloseable {

    static final String DATABASE = "arkisto";

    private final Path postgresData;
    private final int postgresPort;
    private EmbeddedPostgresServer postgres;
    private final TestObjectStorage s3;
    private final StallingProxy s3Proxy;

    DrillStores(Path directory) throws IOException {
        this.postgresData = directory.resolve("postgres");
        this.postgresPort = PackagedJar.freePort();
        this.postgres = EmbeddedPostgresServer.start(postgresData, postgresPort);
        postgres.createDatabaseIfMissing(DATABASE);
        this.s3 = TestObjectStorage.embedded();
        this.s3Proxy = StallingProxy.to("127.0.0.1", URI.create(s3.properties().endpoint()).getPort());
    }

    /** The archive's options for these stores, the object store reached through the proxy. */
    List<String> serverOptions() {
        return List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(DATABASE),
                "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                "--spring.datasource.password=",
                "--arkisto.s3.endpoint=" + s3Proxy.endpoint(),
                "--arkisto.s3.access-key=" + s3.properties().accessKey(),
                "--arkisto.s3.secret-key=" + s3.properties().secretKey(),
                "--arkisto.s3.bucket=" + s3.properties().bucket());
    }

    /** The database stops, as a server that crashed or was taken down: its connections end, new ones are refused. */
    void stopDatabase() {
        postgres.close();
        postgres = null;
    }

    /** The database starts again on its data directory and port: everything committed before the stop is back. */
    void startDatabase() {
        postgres = EmbeddedPostgresServer.start(postgresData, postgresPort);
    }

    /** The object store stops answering: open connections drop, new ones are accepted and never answered. */
    void cutObjectStore() {
        s3Proxy.stall();
    }

    void restoreObjectStore() {
        s3Proxy.resume();
    }

    /** What the database holds of each archived document version: OID to its SHA-256 and object key. */
    Map<String, ArchivedRow> archivedRows() throws SQLException {
        Map<String, ArchivedRow> rows = new HashMap<>();
        query("SELECT document_oid, sha256, object_key FROM archive.document_version", rs ->
                rows.put(rs.getString(1), new ArchivedRow(rs.getString(2), rs.getString(3))));
        return rows;
    }

    record ArchivedRow(String sha256, String objectKey) {
    }

    /** How many audit events of archiving with this outcome each document has. */
    Map<String, Integer> archiveAuditEvents(String outcome) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        query("SELECT document_oid, count(*) FROM archive.audit_event WHERE operation = 'ARCHIVE' AND outcome = '"
                + outcome + "' GROUP BY document_oid", rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    long auditEvents() throws SQLException {
        List<Long> count = new ArrayList<>();
        query("SELECT count(*) FROM archive.audit_event", rs -> count.add(rs.getLong(1)));
        return count.get(0);
    }

    /** Reject records of the queue channel not resolved by a later archiving of their document. */
    List<String> unresolvedRejections() throws SQLException {
        List<String> codes = new ArrayList<>();
        query("SELECT error_code FROM archive.rejection WHERE resolved_at IS NULL", rs -> codes.add(rs.getString(1)));
        return codes;
    }

    /** The keys of every document object in the bucket, read from the S3 server itself (not through the proxy). */
    Set<String> objectKeys() {
        Set<String> keys = new TreeSet<>();
        try (ObjectStore store = s3.newObjectStore(s3.properties().bucket())) {
            store.list(ObjectStore.DOCUMENT_PREFIX, object -> keys.add(object.key()));
        }
        return keys;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), EmbeddedPostgresServer.USER, "");
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    @Override
    public void close() {
        s3Proxy.close();
        s3.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
