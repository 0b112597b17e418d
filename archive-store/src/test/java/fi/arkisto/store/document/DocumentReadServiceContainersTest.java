package fi.arkisto.store.document;

import fi.arkisto.store.ContainersTest;

@ContainersTest
class DocumentReadServiceContainersTest extends DocumentReadServiceContract {
}
