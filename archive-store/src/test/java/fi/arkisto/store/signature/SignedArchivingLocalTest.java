package fi.arkisto.store.signature;

import fi.arkisto.store.LocalServicesTest;
import org.springframework.context.annotation.Import;

@LocalServicesTest
@Import(SignatureConfiguration.class)
class SignedArchivingLocalTest extends SignedArchivingContract {
}
