package fi.arkisto.store.accessrecords;

import fi.arkisto.store.LocalServicesTest;

@LocalServicesTest
class RegisterAccessAgreementsLocalTest extends RegisterAccessAgreementsContract {
}
