package fi.arkisto.store.document;

import fi.arkisto.store.LocalServicesTest;

@LocalServicesTest
class AccessFactsLocalTest extends AccessFactsContract {
}
