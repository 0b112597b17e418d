package fi.arkisto.store.accessrecords;

import fi.arkisto.store.ContainersTest;

@ContainersTest
class SharingRecordsContainersTest extends SharingRecordsContract {
}
