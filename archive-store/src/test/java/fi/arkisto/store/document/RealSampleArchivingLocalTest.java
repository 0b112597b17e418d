package fi.arkisto.store.document;

import fi.arkisto.store.StoreTestApplication;
import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(classes = StoreTestApplication.class)
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.PrivateLocal.class)
class RealSampleArchivingLocalTest extends RealSampleArchivingContract {
}
