package fi.arkisto.store.embedded;

import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.object.ObjectStoreProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The no-setup servers keep their data across restarts (a restart keeps every archived document). */
class EmbeddedServersTest {

    @Test
    void theEmbeddedS3ServerKeepsObjectsAcrossRestarts(@TempDir Path directory) {
        // given
        byte[] bytes = "säilytettävä asiakirja".getBytes(StandardCharsets.UTF_8);
        String sha = ContentHash.sha256Hex(bytes);
        try (EmbeddedS3Server server = EmbeddedS3Server.start(directory, 0, "arkisto", "salainen-avain-1");
             ObjectStore store = new ObjectStore(properties(server))) {
            store.put(ObjectStore.documentKey(sha), bytes, sha);
        }

        // when
        try (EmbeddedS3Server restarted = EmbeddedS3Server.start(directory, 0, "arkisto", "salainen-avain-1");
             ObjectStore store = new ObjectStore(properties(restarted))) {

            // then
            assertThat(restarted.port()).isPositive();
            assertThat(store.get(ObjectStore.documentKey(sha), sha)).isEqualTo(bytes);
        }
    }

    @Test
    void theEmbeddedPostgresKeepsDataAcrossRestarts(@TempDir Path directory) throws Exception {
        // given
        Path data = directory.resolve("pgdata");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, 0)) {
            postgres.createDatabaseIfMissing("arkisto");
            postgres.createDatabaseIfMissing("arkisto");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("arkisto"), EmbeddedPostgresServer.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (value text)");
                s.execute("INSERT INTO kept VALUES ('pysyvä')");
            }
        }

        // when
        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(data, 0);
             Connection c = DriverManager.getConnection(restarted.jdbcUrl("arkisto"), EmbeddedPostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM kept")) {

            // then
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("pysyvä");
        }
    }

    private static ObjectStoreProperties properties(EmbeddedS3Server server) {
        return new ObjectStoreProperties(server.endpoint(), server.accessKey(), server.secretKey(), "arkisto", null);
    }
}
