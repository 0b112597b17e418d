package fi.arkisto.store.document;

import fi.arkisto.store.StoreTestApplication;
import fi.arkisto.store.display.DisplayConfiguration;
import fi.arkisto.store.signature.SignatureConfiguration;
import fi.arkisto.store.structure.StructureConfiguration;
import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = {StoreTestApplication.class, SignatureConfiguration.class, DisplayConfiguration.class,
        StructureConfiguration.class})
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.Containers.class)
class HostileCorpusContainersTest extends HostileCorpusTest {
}
