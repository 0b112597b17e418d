package fi.arkisto.app.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The metrics scraper's credential: closed when unset, never a weak or malformed password. */
class MonitoringCredentialTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

    @Test
    void withNoneConfiguredNobodyCanScrape() {
        MonitoringCredential closed = MonitoringCredential.from(null, bcrypt);
        assertThatThrownBy(() -> closed.loadUserByUsername("prometheus")).isInstanceOf(UsernameNotFoundException.class);
        assertThatThrownBy(() -> closed.loadUserByUsername("")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void theConfiguredScraperHasTheMonitoringRoleOnly() {
        MonitoringCredential credential = MonitoringCredential.from(
                new ApiSecurityProperties.Monitoring("prometheus", null, "a-long-enough-password"), bcrypt);
        var scraper = credential.loadUserByUsername("prometheus");
        assertThat(scraper.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_MONITORING");
        assertThat(bcrypt.matches("a-long-enough-password", scraper.getPassword())).isTrue();
        assertThatThrownBy(() -> credential.loadUserByUsername("other")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void aShortPasswordOrAMalformedHashStopsTheStart() {
        assertThatThrownBy(() -> MonitoringCredential.from(new ApiSecurityProperties.Monitoring("p", null, "short"), bcrypt))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("arkisto.security.monitoring");
        assertThatThrownBy(() -> MonitoringCredential.from(new ApiSecurityProperties.Monitoring("p", "{bcrypt}nope", null), bcrypt))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a bcrypt hash");
    }
}
