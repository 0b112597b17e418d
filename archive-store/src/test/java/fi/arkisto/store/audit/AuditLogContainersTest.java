package fi.arkisto.store.audit;

import fi.arkisto.store.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class AuditLogContainersTest extends AuditLogContract {

    private static TestDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.inContainer();
        database.migrateArchiveSchema();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Override
    protected TestDatabase database() {
        return database;
    }
}
