package fi.arkisto.store.accessrecords;

import fi.arkisto.store.LocalServicesTest;

@LocalServicesTest
class SharingRecordsLocalTest extends SharingRecordsContract {
}
