package fi.arkisto.store.signature;

import fi.arkisto.store.ContainersTest;
import org.springframework.context.annotation.Import;

@ContainersTest
@Import(SignatureConfiguration.class)
class SignedArchivingContainersTest extends SignedArchivingContract {
}
