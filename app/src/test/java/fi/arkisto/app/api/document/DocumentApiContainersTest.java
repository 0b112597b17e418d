package fi.arkisto.app.api.document;

import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same document API tests against Testcontainers PostgreSQL and MinIO, where Docker exists (skipped
 * cleanly elsewhere; {@link DocumentApiTest} runs the same logic against the local services).
 */
@Testcontainers(disabledWithoutDocker = true)
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.Containers.class, inheritInitializers = false)
class DocumentApiContainersTest extends DocumentApiTest {
}
