package fi.arkisto.store.document;

import fi.arkisto.store.StoreTestApplication;
import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = StoreTestApplication.class)
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.PrivateContainers.class)
class RealSampleArchivingContainersTest extends RealSampleArchivingContract {
}
