package fi.arkisto.app.security;

import fi.arkisto.app.security.ApiSecurityProperties.ApiClient;
import fi.arkisto.app.transport.TransportSecurityException;
import fi.arkisto.store.identity.Oid;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiClientRegistryTest {

    private static final Oid OWN = Oid.of("1.2.246.10.32213561.10.0");
    private static final Oid OTHER = Oid.of("1.2.246.10.1246109.10.0");
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

    @Test
    void aClientActsOnlyForItsOrganisations() {
        ApiClientRegistry registry = ApiClientRegistry.from(properties(
                new ApiClient("cis", null, "a-long-enough-password", Set.of(OWN.value()), false)), bcrypt);

        assertThat(registry.mayActFor(caller("cis"), OWN)).isTrue();
        assertThat(registry.mayActFor(caller("cis"), OTHER)).isFalse();
        assertThat(registry.mayActFor(caller("nobody"), OWN)).isFalse();
    }

    @Test
    void aPlainPasswordIsKeptOnlyAsABcryptHash() {
        ApiClientRegistry registry = ApiClientRegistry.from(properties(
                new ApiClient("cis", null, "a-long-enough-password", Set.of("*"), false)), bcrypt);

        String stored = registry.loadUserByUsername("cis").getPassword();
        assertThat(stored).startsWith("$2").doesNotContain("a-long-enough-password");
        assertThat(bcrypt.matches("a-long-enough-password", stored)).isTrue();
    }

    @Test
    void auditorsGetTheAuditorRole() {
        ApiClientRegistry registry = ApiClientRegistry.from(properties(
                new ApiClient("auditor", "{bcrypt}" + bcrypt.encode("x"), null, Set.of("*"), true),
                new ApiClient("cis", bcrypt.encode("y"), null, Set.of("*"), false)), bcrypt);

        assertThat(registry.loadUserByUsername("auditor").getAuthorities()).map(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_API_CLIENT", "ROLE_AUDITOR");
        assertThat(registry.loadUserByUsername("cis").getAuthorities()).map(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_API_CLIENT");
        assertThatThrownBy(() -> registry.loadUserByUsername("nobody")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void withNothingConfiguredOneClientWithARandomPasswordIsGenerated() {
        ApiClientRegistry first = ApiClientRegistry.from(new ApiSecurityProperties(null, null), bcrypt);
        ApiClientRegistry second = ApiClientRegistry.from(new ApiSecurityProperties(null, null), bcrypt);

        assertThat(first.mayActFor(caller(ApiClientRegistry.GENERATED_CLIENT), OTHER)).isTrue();
        assertThat(first.loadUserByUsername(ApiClientRegistry.GENERATED_CLIENT).getPassword())
                .isNotEqualTo(second.loadUserByUsername(ApiClientRegistry.GENERATED_CLIENT).getPassword());
    }

    @Test
    void refusesWeakOrIncompleteClientConfigurations() {
        assertThatThrownBy(() -> ApiClientRegistry.from(properties(
                new ApiClient("cis", null, "short", Set.of("*"), false)), bcrypt))
                .hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> ApiClientRegistry.from(properties(
                new ApiClient("cis", "plain-text-not-a-hash", null, Set.of("*"), false)), bcrypt))
                .hasMessageContaining("not a bcrypt hash");
        assertThatThrownBy(() -> ApiClientRegistry.from(properties(
                new ApiClient("cis", null, "a-long-enough-password", Set.of("not-an-oid"), false)), bcrypt))
                .hasMessageContaining("not an OID");
        assertThatThrownBy(() -> ApiClientRegistry.from(properties(
                new ApiClient("cis", null, "a-long-enough-password", Set.of(), false)), bcrypt))
                .hasMessageContaining("no organisations");
        assertThatThrownBy(() -> ApiClientRegistry.from(properties(
                new ApiClient("cis", null, "a-long-enough-password", Set.of("*"), false),
                new ApiClient("cis", null, "another-long-password", Set.of("*"), false)), bcrypt))
                .hasMessageContaining("registered twice");
    }

    @Test
    void withPasswordClientsOffConfiguredOnesStopTheStartAndNoneIsGenerated() {
        assertThatThrownBy(() -> ApiClientRegistry.from(properties(
                new ApiClient("cis", null, "a-long-enough-password", Set.of("*"), false)), bcrypt, null, false))
                .isInstanceOf(TransportSecurityException.class)
                .hasMessageContaining("arkisto.security.http-basic.enabled=true");

        ApiClientRegistry certificatesOnly = ApiClientRegistry.from(new ApiSecurityProperties(null, null), bcrypt, null, false);
        assertThatThrownBy(() -> certificatesOnly.loadUserByUsername(ApiClientRegistry.GENERATED_CLIENT))
                .isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void aClientSystemByCertificateActsForWhatItsCertificateAllowsWhateverItsName() {
        // given a password client and a certificate system sharing a name
        ApiClientRegistry registry = ApiClientRegistry.from(properties(
                new ApiClient("cis", null, "a-long-enough-password", Set.of("*"), false)), bcrypt);
        ClientSystemAuthentication system = new ClientSystemAuthentication(
                new ClientSystem(OWN, "cis", "1f", Set.of(OWN), false), null);

        // the certificate's organisations count, not the password client's
        assertThat(registry.mayActFor(system, OWN)).isTrue();
        assertThat(registry.mayActFor(system, OTHER)).isFalse();
        // and an unauthenticated token of the password client's name acts for nobody
        assertThat(registry.mayActFor(UsernamePasswordAuthenticationToken.unauthenticated("cis", "x"), OWN)).isFalse();
    }

    private static Authentication caller(String name) {
        return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of());
    }

    private static ApiSecurityProperties properties(ApiClient... clients) {
        return new ApiSecurityProperties(List.of(clients), null);
    }
}
