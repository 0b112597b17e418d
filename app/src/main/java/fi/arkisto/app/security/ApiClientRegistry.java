package fi.arkisto.app.security;

import fi.arkisto.app.local.LocalToolsCredential;
import fi.arkisto.app.security.ApiSecurityProperties.ApiClient;
import fi.arkisto.store.identity.Oid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import fi.arkisto.app.transport.TransportSecurityException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The password clients of the API (HTTP Basic) and the organisations each may act for (Kanta: a client information
 * system acts on behalf of the organisations that deployed it; an organisation uses only its own registers unless a
 * register access right says otherwise), and the one question every API operation asks of a caller, however it
 * authenticated: may it act for this organisation ({@link #mayActFor(Authentication, Oid)}). A client system
 * authenticated by its certificate ({@link ClientSystem}) may act for what its certificate and
 * {@code arkisto.security.client-certificates.systems} allow.
 *
 * <p>Password clients exist only while HTTP Basic is on for client systems ({@link HttpBasicProperties}: by default only
 * while the server speaks plain HTTP on the loopback address). Then, with none configured, one client
 * {@value #GENERATED_CLIENT} with a random password is generated and announced once in the log, so the system is usable
 * without set-up but never with a password known in advance. With HTTP Basic off, configured password clients stop the
 * start: they could never authenticate.
 *
 * <p>The local tools' client ({@link LocalToolsCredential}, generated at each start for command-line tools on the
 * server's machine) acts for any organisation but may use only the migration endpoints (role {@value #ROLE_LOCAL_TOOL}
 * instead of {@value #ROLE_CLIENT}); it does not count as a configured client.
 */
public final class ApiClientRegistry implements UserDetailsService {

    public static final String GENERATED_CLIENT = "arkisto";
    public static final String ROLE_CLIENT = "API_CLIENT";
    public static final String ROLE_AUDITOR = "AUDITOR";
    public static final String ROLE_LOCAL_TOOL = "LOCAL_TOOL";
    static final String ANY_ORGANISATION = "*";

    private static final Logger log = LoggerFactory.getLogger(ApiClientRegistry.class);

    /** A registered client system with its password already hashed. */
    record RegisteredClient(String name, String passwordHash, Set<String> organisations, boolean auditor, boolean localTool) {

        RegisteredClient(String name, String passwordHash, Set<String> organisations, boolean auditor) {
            this(name, passwordHash, organisations, auditor, false);
        }


        boolean mayActFor(Oid organisation) {
            return organisations.contains(ANY_ORGANISATION) || organisations.contains(organisation.value());
        }
    }

    private final Map<String, RegisteredClient> clients;

    ApiClientRegistry(Map<String, RegisteredClient> clients) {
        this.clients = Map.copyOf(clients);
    }

    static ApiClientRegistry from(ApiSecurityProperties properties, BCryptPasswordEncoder encoder) {
        return from(properties, encoder, null, true);
    }

    /**
     * @param localTools the credential of this start's local tools, or null when they are switched off
     * @param passwords  whether client systems may authenticate with passwords (HTTP Basic)
     */
    static ApiClientRegistry from(ApiSecurityProperties properties, BCryptPasswordEncoder encoder, LocalToolsCredential localTools,
                                  boolean passwords) {
        Map<String, RegisteredClient> clients = new LinkedHashMap<>();
        if (!passwords && !properties.apiClients().isEmpty()) {
            throw new TransportSecurityException("arkisto.security.api-clients lists password clients, but HTTP Basic is off"
                    + " for client systems because clients reach the server over TLS, where they authenticate with their"
                    + " certificates: remove the password clients, or keep them as a fallback with"
                    + " arkisto.security.http-basic.enabled=true.", "See docs/running.md, \"Client systems by certificate\".");
        }
        for (ApiClient client : properties.apiClients()) {
            if (clients.containsKey(client.name())) {
                throw new IllegalStateException("arkisto.security.api-clients: client " + client.name() + " is registered twice");
            }
            clients.put(client.name(), new RegisteredClient(client.name(), hashOf(client, encoder),
                    validatedOrganisations(client), client.auditor()));
        }
        if (clients.isEmpty() && passwords) {
            String password = randomPassword();
            clients.put(GENERATED_CLIENT, new RegisteredClient(GENERATED_CLIENT, encoder.encode(password),
                    Set.of(ANY_ORGANISATION), true));
            // Printed once by design: without it nobody could call the API of an unconfigured system.
            log.warn("""

                    *** No API client configured (arkisto.security.api-clients): generated one for this run.
                    *** API client: {}  password: {}  (may act for any organisation, may verify the audit log)
                    *** Configure arkisto.security.api-clients for any real use.""", GENERATED_CLIENT, password);
        }
        if (localTools != null) {
            if (clients.containsKey(localTools.client())) {
                throw new IllegalStateException("arkisto.security.api-clients: the name " + localTools.client()
                        + " is reserved for the local tools' credential");
            }
            clients.put(localTools.client(), new RegisteredClient(localTools.client(), encoder.encode(localTools.password()),
                    Set.of(ANY_ORGANISATION), false, true));
        }
        return new ApiClientRegistry(clients);
    }

    private static String hashOf(ApiClient client, BCryptPasswordEncoder encoder) {
        return hashOf("arkisto.security.api-clients: client " + client.name(), client.passwordHash(), client.password(),
                encoder);
    }

    /**
     * The bcrypt hash of a configured credential: the given hash ({@code $2a$...} or {@code {bcrypt}$2a$...}), else the
     * clear password (at least 12 characters, meant to come from the environment) hashed now.
     *
     * @param who names the credential in the start-up error when neither is usable
     */
    static String hashOf(String who, String passwordHash, String password, BCryptPasswordEncoder encoder) {
        if (passwordHash != null && !passwordHash.isBlank()) {
            String hash = passwordHash.startsWith("{bcrypt}") ? passwordHash.substring("{bcrypt}".length()) : passwordHash;
            if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                throw new IllegalStateException(who + " has a password-hash that is not a bcrypt hash");
            }
            return hash;
        }
        if (password == null || password.length() < 12) {
            throw new IllegalStateException(who + " needs a password-hash or a password of at least 12 characters");
        }
        return encoder.encode(password);
    }

    private static Set<String> validatedOrganisations(ApiClient client) {
        if (client.organisations().isEmpty()) {
            throw new IllegalStateException("arkisto.security.api-clients: client " + client.name()
                    + " has no organisations");
        }
        for (String organisation : client.organisations()) {
            if (!organisation.equals(ANY_ORGANISATION) && !Oid.isValid(organisation)) {
                throw new IllegalStateException("arkisto.security.api-clients: client " + client.name()
                        + " lists an organisation that is not an OID: " + organisation);
            }
        }
        return client.organisations();
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the caller authenticated with the local tools' credential. */
    public static boolean isLocalTool(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + ROLE_LOCAL_TOOL).equals(authority.getAuthority()));
    }

    /**
     * Whether the caller may act for the organisation: a client system authenticated by certificate for what its
     * certificate allows, a password client (or the local tools' credential) for what it is registered for.
     */
    public boolean mayActFor(Authentication caller, Oid organisation) {
        if (caller instanceof ClientSystemAuthentication system) {
            return system.getPrincipal().mayActFor(organisation);
        }
        if (!(caller instanceof UsernamePasswordAuthenticationToken) || !caller.isAuthenticated()) {
            return false;
        }
        RegisteredClient client = clients.get(caller.getName());
        return client != null && client.mayActFor(organisation);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        RegisteredClient client = clients.get(username);
        if (client == null) {
            throw new UsernameNotFoundException("No such API client");
        }
        if (client.localTool()) {
            return User.withUsername(client.name()).password(client.passwordHash()).roles(ROLE_LOCAL_TOOL).build();
        }
        List<String> roles = new ArrayList<>(List.of(ROLE_CLIENT));
        if (client.auditor()) {
            roles.add(ROLE_AUDITOR);
        }
        return User.withUsername(client.name()).password(client.passwordHash()).roles(roles.toArray(String[]::new)).build();
    }
}
