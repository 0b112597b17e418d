package fi.arkisto.store.document;

import fi.arkisto.store.StoreTestApplication;
import fi.arkisto.store.display.DisplayConfiguration;
import fi.arkisto.store.signature.SignatureConfiguration;
import fi.arkisto.store.structure.StructureConfiguration;
import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(classes = {StoreTestApplication.class, SignatureConfiguration.class, DisplayConfiguration.class,
        StructureConfiguration.class})
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.Local.class)
class HostileCorpusLocalTest extends HostileCorpusTest {
}
