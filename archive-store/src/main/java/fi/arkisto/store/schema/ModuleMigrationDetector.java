package fi.arkisto.store.schema;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/**
 * Makes every {@link ModuleMigration} bean a database initializer in Boot's sense, so that every bean that
 * depends on database initialization (JDBC templates, the batch job repository,
 * {@code @DependsOnDatabaseInitialization} beans) is created after it. Its order is after Boot's Flyway
 * detector: Boot then makes the module migrations depend on archive-store's Flyway, whose tables come first.
 * Registered in {@code META-INF/spring.factories}.
 */
public final class ModuleMigrationDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(ModuleMigration.class);
    }

    /** Boot's own Flyway detector (package-private, FlywayMigrationInitializerDatabaseInitializerDetector) has 1. */
    private static final int AFTER_BOOTS_FLYWAY = 2;

    @Override
    public int getOrder() {
        return AFTER_BOOTS_FLYWAY;
    }
}
