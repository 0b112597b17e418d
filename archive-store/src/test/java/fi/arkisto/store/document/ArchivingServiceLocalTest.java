package fi.arkisto.store.document;

import fi.arkisto.store.LocalServicesTest;

@LocalServicesTest
class ArchivingServiceLocalTest extends ArchivingServiceContract {
}
