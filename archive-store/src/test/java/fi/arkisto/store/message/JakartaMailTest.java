package fi.arkisto.store.message;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JakartaMailTest {

    @Test
    void theStreamProviderIsNamedSoJakartaMailDoesNotScanTheClassPathForIt() {
        // when
        JakartaMail.ready();

        // then the name is the provider ServiceLoader would find
        assertThat(System.getProperty(JakartaMail.STREAM_PROVIDER)).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(System.getProperty(JakartaMail.STREAM_PROVIDER));
    }
}
