package fi.arkisto.app.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;
import java.util.Set;

/**
 * {@code arkisto.security}: the client information systems allowed to call {@code /api/**}.
 *
 * <p>Each registered system authenticates with HTTP Basic and may act only for the organisations it
 * is registered for (the acting organisation of a request is the {@code X-Organisation-Oid} header).
 * With no client configured the application generates one at start (see {@link ApiClientRegistry}).
 *
 * <p>Metrics ({@code /actuator/prometheus}) are scraped with a credential of their own, {@code monitoring}: never an
 * API client's, and with none configured the endpoint refuses everyone.
 *
 * @param apiClients the registered client systems
 * @param monitoring the credential of the metrics scraper, or null: scraping closed
 */
@Validated
@ConfigurationProperties("arkisto.security")
public record ApiSecurityProperties(@Valid List<ApiClient> apiClients, @Valid Monitoring monitoring) {

    public ApiSecurityProperties {
        apiClients = apiClients == null ? List.of() : List.copyOf(apiClients);
    }

    /**
     * The metrics scraper (Prometheus), HTTP Basic on {@code /actuator/prometheus} only.
     *
     * @param name         the HTTP Basic user name
     * @param passwordHash a bcrypt hash of its password, or
     * @param password     its password in clear from the environment ({@code ARKISTO_SECURITY_MONITORING_PASSWORD}),
     *                     at least 12 characters
     */
    public record Monitoring(@NotBlank String name, String passwordHash, String password) {

        @Override
        public String toString() {
            return "Monitoring[" + name + "]";
        }
    }

    /**
     * One client information system.
     *
     * @param name          the HTTP Basic user name
     * @param passwordHash  a bcrypt hash ({@code $2a$...} or {@code {bcrypt}$2a$...}) of its password
     * @param password      its password in clear, meant to come from the environment
     *                      ({@code ARKISTO_SECURITY_API_CLIENTS_0_PASSWORD}); used only when no hash is given
     * @param organisations the organisation OIDs it may act for; {@code *} = any organisation
     * @param auditor       whether it may read the audit verification
     */
    public record ApiClient(@NotBlank String name, String passwordHash, String password, Set<String> organisations,
                            boolean auditor) {

        public ApiClient {
            organisations = organisations == null ? Set.of() : Set.copyOf(organisations);
        }

        @Override
        public String toString() {
            return "ApiClient[" + name + "]";
        }
    }
}
