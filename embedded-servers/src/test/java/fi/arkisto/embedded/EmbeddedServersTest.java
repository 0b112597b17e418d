package fi.arkisto.embedded;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The no-setup servers keep their data across restarts (a restart keeps every archived document). */
class EmbeddedServersTest {

    private static final String BUCKET = "arkisto";
    private static final String KEY = "documents/sailytettava";

    @Test
    void theEmbeddedS3ServerKeepsObjectsAcrossRestarts(@TempDir Path directory) throws Exception {
        // given
        byte[] bytes = "säilytettävä asiakirja".getBytes(StandardCharsets.UTF_8);
        try (EmbeddedS3Server server = EmbeddedS3Server.start(directory, 0, "arkisto", "salainen-avain-1")) {
            MinioClient client = client(server);
            client.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
            client.putObject(PutObjectArgs.builder().bucket(BUCKET).object(KEY)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
        }

        // when
        try (EmbeddedS3Server restarted = EmbeddedS3Server.start(directory, 0, "arkisto", "salainen-avain-1")) {
            MinioClient client = client(restarted);

            // then
            assertThat(restarted.port()).isPositive();
            // s3proxy and jclouds never log requests at DEBUG, even with Logback unconfigured (STACK.md: 2 GB once)
            for (String logger : new String[]{"org.gaul.s3proxy.S3ProxyHandler", "org.jclouds.rest", "jclouds.wire"}) {
                assertThat(org.slf4j.LoggerFactory.getLogger(logger).isDebugEnabled()).as(logger).isFalse();
                assertThat(org.slf4j.LoggerFactory.getLogger(logger).isInfoEnabled()).as(logger).isFalse();
            }
            assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build())).isTrue();
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(BUCKET).object(KEY).build())) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
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

    @Test
    void theEmbeddedPostgresStopsWhenItsOwnerClosesItNotWhenTheJvmBeginsToExit(@TempDir Path directory) throws Exception {
        // given a running embedded PostgreSQL
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("pgdata"), 0);
        try {
            // when zonky's JVM shutdown hook runs (it would run at once when the JVM is told to stop)
            postgres.closeAsZonkysShutdownHookWould();

            // then the server still answers: the application, still closing its pools, has its database
            assertThat(answers(postgres)).isTrue();
        } finally {
            // when its owner closes it
            postgres.close();
        }
        // then it is stopped
        assertThat(answers(postgres)).isFalse();
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedAsInUse(@TempDir Path directory) {
        Path data = directory.resolve("pgdata");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data, 0)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, 0))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(data.toString());
        }
    }

    private static boolean answers(EmbeddedPostgresServer postgres) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), EmbeddedPostgresServer.USER, "");
             Statement s = c.createStatement()) {
            return s.execute("SELECT 1");
        } catch (java.sql.SQLException refused) {
            return false;
        }
    }

    private static MinioClient client(EmbeddedS3Server server) {
        return MinioClient.builder().endpoint(server.endpoint())
                .credentials(server.accessKey(), server.secretKey()).build();
    }
}
