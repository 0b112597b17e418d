package fi.arkisto.app.schema;

import fi.arkisto.store.ArchiveStoreConfiguration;
import fi.arkisto.store.schema.ModuleMigration;
import fi.arkisto.store.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/database.md: each module migrates its own tables with a history table of its own, numbered from V1, and a
 * database migrated by the former layout (one history, numeric ranges per module) starts on the new one with
 * nothing re-run, no table re-created and nothing lost.
 */
class SchemaHistoryLayoutTest {

    /** The former layout: each migration's former name, and where its unchanged script lives now. */
    private static final Map<String, String> FORMER_NAMES = new LinkedHashMap<>();

    static {
        FORMER_NAMES.put("V1__create_document_tables.sql", "db/migration/archive/V1__create_document_tables.sql");
        FORMER_NAMES.put("V2__create_audit_events.sql", "db/migration/archive/V2__create_audit_events.sql");
        FORMER_NAMES.put("V3__protect_archive_records.sql", "db/migration/archive/V3__protect_archive_records.sql");
        FORMER_NAMES.put("V30__create_rejection_table.sql", "db/migration/archive/V4__create_rejection_table.sql");
        FORMER_NAMES.put("V31__create_ingest_processed_file_table.sql",
                "db/migration/routes/V1__create_ingest_processed_file_table.sql");
        FORMER_NAMES.put("V40__create_migration_rejects.sql", "db/migration/batch/V1__create_migration_rejects.sql");
        FORMER_NAMES.put("V41__create_batch_schema.sql", "db/migration/batch/V2__create_batch_schema.sql");
        FORMER_NAMES.put("V42__create_migration_items.sql", "db/migration/batch/V3__create_migration_items.sql");
        FORMER_NAMES.put("V50__create_organisation_tables.sql", "db/migration/archive/V5__create_organisation_tables.sql");
        FORMER_NAMES.put("V51__insert_joined_organisations.sql", "db/migration/archive/V6__insert_joined_organisations.sql");
        FORMER_NAMES.put("V52__create_deployment_test_tables.sql",
                "db/migration/archive/V7__create_deployment_test_tables.sql");
        FORMER_NAMES.put("V53__create_sharing_records.sql", "db/migration/archive/V8__create_sharing_records.sql");
        FORMER_NAMES.put("V54__create_register_access_agreements.sql",
                "db/migration/archive/V9__create_register_access_agreements.sql");
        FORMER_NAMES.put("V55__protect_access_records.sql", "db/migration/archive/V10__protect_access_records.sql");
    }

    /** archive-store's migrations written after the former layout ended (V11 on), which run on its databases. */
    private static final int AFTER_FORMER_LAYOUT = 7;

    private static final String TABLES = """
            SELECT n.nspname || '.' || c.relname || ':' || c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('archive', 'batch') AND c.relkind = 'r'
               AND c.relname NOT IN ('flyway_schema_history', 'batch_flyway_history', 'routes_flyway_history')
             ORDER BY 1""";

    @Test
    void aDatabaseOfTheFormerSingleHistoryStartsOnTheNewLayoutWithNothingRerunOrLost(@TempDir Path former)
            throws IOException {
        try (TestDatabase database = TestDatabase.onLocalServer()) {
            // given a database migrated by the former layout, with a processed file and a migration reject in it
            for (Map.Entry<String, String> migration : FORMER_NAMES.entrySet()) {
                try (InputStream script = getClass().getClassLoader().getResourceAsStream(migration.getValue())) {
                    assertThat(script).as(migration.getValue()).isNotNull();
                    Files.write(former.resolve(migration.getKey()), script.readAllBytes());
                }
            }
            MigrateResult formerRun = Flyway.configure().dataSource(database.dataSource()).schemas("archive")
                    .createSchemas(true).locations("filesystem:" + former).load().migrate();
            assertThat(formerRun.migrationsExecuted).isEqualTo(14);
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            jdbc.update("INSERT INTO archive.ingest_processed_file VALUES ('arkisto-file-drop', 'kept.xml', now())");
            List<String> tablesBefore = jdbc.queryForList(TABLES, String.class);
            Long organisationsBefore = jdbc.queryForObject("SELECT count(*) FROM archive.organisation", Long.class);

            // when the new layout starts on it: archive-store's Flyway as the app runs it, then each module's
            MigrateResult archive = migrateAsTheAppDoes(database);
            MigrateResult batch = migrate(database, "batch_flyway_history", "classpath:db/migration/batch");
            MigrateResult routes = migrate(database, "routes_flyway_history", "classpath:db/migration/routes");

            // then nothing is re-run (only archive-store's migrations after the former layout run), no table is
            // re-created and the data is still there
            assertThat(archive.migrationsExecuted).isEqualTo(AFTER_FORMER_LAYOUT);
            assertThat(batch.migrationsExecuted).isZero();
            assertThat(routes.migrationsExecuted).isZero();
            // (every table the same object; V11 adds archive.mutual_case_party, V12 the orphan sweep's two tables,
            // V14 the controller changes' three, V15 the sweep's deletions; V16 and V17 alter the controller changes')
            List<String> tablesAfter = jdbc.queryForList(TABLES, String.class);
            assertThat(tablesAfter).containsAll(tablesBefore);
            assertThat(tablesAfter).filteredOn(t -> !tablesBefore.contains(t))
                    .map(t -> t.substring(0, t.indexOf(':')))
                    .containsExactlyInAnyOrder("archive.mutual_case_party", "archive.orphan_sweep", "archive.shedlock",
                            "archive.controller_change", "archive.controller_assignment",
                            "archive.controller_change_pause", "archive.orphan_deletion");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.organisation", Long.class))
                    .isEqualTo(organisationsBefore);
            assertThat(jdbc.queryForList("SELECT messageId FROM archive.ingest_processed_file", String.class))
                    .containsExactly("kept.xml");
            // and each module's history holds its own migrations, numbered from 1
            assertThat(versions(jdbc, "flyway_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8",
                    "9", "10", "11", "12", "13", "14", "15", "16", "17");
            assertThat(versions(jdbc, "batch_flyway_history")).containsExactly("1", "2", "3");
            assertThat(versions(jdbc, "routes_flyway_history")).containsExactly("1");

            // and a second start changes nothing
            assertThat(migrateAsTheAppDoes(database).migrationsExecuted).isZero();
            assertThat(versions(jdbc, "flyway_schema_history")).hasSize(17);
        }
    }

    @Test
    void aNewDatabaseGetsEveryModulesMigrationsInItsOwnHistory() {
        try (TestDatabase database = TestDatabase.onLocalServer()) {
            // when the new layout runs on an empty database
            MigrateResult archive = migrateAsTheAppDoes(database);
            MigrateResult batch = migrate(database, "batch_flyway_history", "classpath:db/migration/batch");
            MigrateResult routes = migrate(database, "routes_flyway_history", "classpath:db/migration/routes");

            // then every migration ran once, in the history of its module
            assertThat(archive.migrationsExecuted).isEqualTo(17);
            assertThat(batch.migrationsExecuted).isEqualTo(3);
            assertThat(routes.migrationsExecuted).isEqualTo(1);
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            assertThat(versions(jdbc, "batch_flyway_history")).containsExactly("0", "1", "2", "3");
            assertThat(versions(jdbc, "routes_flyway_history")).containsExactly("0", "1");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.ingest_processed_file", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM batch.batch_job_instance", Long.class)).isZero();
        }
    }

    private static MigrateResult migrateAsTheAppDoes(TestDatabase database) {
        // spring.flyway.* of application.yml, through the archive store's migration strategy
        Flyway flyway = Flyway.configure().dataSource(database.dataSource()).schemas("archive").createSchemas(true)
                .locations("classpath:db/migration/archive").load();
        MigrateResult[] result = new MigrateResult[1];
        new ArchiveStoreConfiguration().flywayMigrationStrategy().migrate(new Flyway(flyway.getConfiguration()) {
            @Override
            public MigrateResult migrate() {
                result[0] = super.migrate();
                return result[0];
            }
        });
        return result[0];
    }

    private static MigrateResult migrate(TestDatabase database, String historyTable, String location) {
        ModuleMigration migration = new ModuleMigration(database.dataSource(), historyTable, location);
        migration.afterPropertiesSet();
        return migration.result();
    }

    private static List<String> versions(JdbcTemplate jdbc, String historyTable) {
        // the row without a version is Flyway's record of creating schema "archive"
        return jdbc.queryForList("SELECT version FROM archive." + historyTable + " WHERE version IS NOT NULL"
                + " ORDER BY installed_rank", String.class);
    }
}
