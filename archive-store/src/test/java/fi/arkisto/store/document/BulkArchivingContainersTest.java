package fi.arkisto.store.document;

import fi.arkisto.store.ContainersTest;

@ContainersTest
class BulkArchivingContainersTest extends BulkArchivingContract {
}
