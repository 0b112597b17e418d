package fi.arkisto.store.structure;

import fi.arkisto.store.StoreTestApplication;
import fi.arkisto.store.display.DisplayConfiguration;
import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = {StoreTestApplication.class, StructureConfiguration.class, DisplayConfiguration.class})
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.Containers.class)
class StructureArchivingContainersTest extends StructureArchivingContract {
}
