package fi.arkisto.store.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;
import java.util.Objects;

/**
 * The Flyway migrations of one module other than archive-store, with a schema history table of its own
 * (docs/database.md): each module numbers its migrations from V1 and no module's versions constrain another's.
 * The module's tables live in the archive's schemas, so its history table sits in schema {@code archive} beside
 * {@code flyway_schema_history} (archive-store's, run by Boot's Flyway).
 *
 * <p>A bean of this type is a database initializer ({@link ModuleMigrationDetector}): it runs after
 * archive-store's migrations and before any bean that uses the database. It baselines at version 0 so that its
 * V1 runs in a schema that archive-store's migrations have already filled.
 */
public final class ModuleMigration implements InitializingBean {

    static final String SCHEMA = "archive";

    private final Flyway flyway;
    private final String historyTable;
    private MigrateResult result;

    /**
     * @param historyTable the module's history table in schema {@code archive}, such as {@code batch_flyway_history}
     * @param location     the module's migrations, such as {@code classpath:db/migration/batch}
     */
    public ModuleMigration(DataSource dataSource, String historyTable, String location) {
        this.historyTable = Objects.requireNonNull(historyTable, "historyTable");
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table(historyTable)
                .locations(location)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("<< " + historyTable + " >>")
                .load();
    }

    @Override
    public void afterPropertiesSet() {
        result = flyway.migrate();
    }

    public String historyTable() {
        return historyTable;
    }

    /** The outcome of the migration run at start, or null before it ran. */
    public MigrateResult result() {
        return result;
    }
}
