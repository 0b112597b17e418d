package fi.arkisto.store.audit;

import fi.arkisto.store.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AuditLogLocalTest extends AuditLogContract {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.onLocalServer();
        database.migrateArchiveSchema();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected TestDatabase database() {
        return database;
    }
}
