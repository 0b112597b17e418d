package fi.arkisto.batch.migration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.HashMap;
import java.util.Map;

/**
 * Base of the migration tests on real services (PostgreSQL on 127.0.0.1, embedded S3, real signatures): one shared
 * Spring context for all of them.
 */
@SpringBootTest(classes = MigrationTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class MigrationIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        MigrationTestEnvironment.get().properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The sidecar of a generated package: row number -> expected error code. */
    static Map<Long, String> expectedRejects(java.nio.file.Path sidecar) throws Exception {
        Map<Long, String> expected = new HashMap<>();
        try (var reader = java.nio.file.Files.newBufferedReader(sidecar);
             var csv = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            csv.forEach(r -> expected.put(Long.parseLong(r.get("row_number")), r.get("error_code")));
        }
        return expected;
    }

    Map<Long, String> storedRejects(long jobInstanceId) {
        Map<Long, String> stored = new HashMap<>();
        jdbc.query("SELECT row_number, error_code FROM archive.migration_rejects WHERE job_instance_id = ?",
                rs -> {
                    stored.put(rs.getLong(1), rs.getString(2));
                }, jobInstanceId);
        return stored;
    }
}
