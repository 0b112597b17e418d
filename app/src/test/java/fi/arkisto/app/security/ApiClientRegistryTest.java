package fi.arkisto.app.security;

import fi.arkisto.app.security.ApiSecurityProperties.ApiClient;
import fi.arkisto.store.identity.Oid;
import org.junit.jupiter.api.Test;
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

        assertThat(registry.mayActFor("cis", OWN)).isTrue();
        assertThat(registry.mayActFor("cis", OTHER)).isFalse();
        assertThat(registry.mayActFor("nobody", OWN)).isFalse();
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

        assertThat(first.mayActFor(ApiClientRegistry.GENERATED_CLIENT, OTHER)).isTrue();
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

    private static ApiSecurityProperties properties(ApiClient... clients) {
        return new ApiSecurityProperties(List.of(clients), null);
    }
}
