package fi.arkisto.app.security;

import fi.arkisto.app.transport.TransportSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether client systems may authenticate with passwords (HTTP Basic) besides their certificates. The archive's
 * answer to "production": clients reach the server over TLS (its own or a reverse proxy's). There, password clients
 * are off unless {@code arkisto.security.http-basic.enabled=true} keeps them as a fallback (a migration's legacy
 * system); without TLS the server listens on the loopback address only, and password clients are on, so that the
 * no-setup start and the dev profile work as before.
 */
record PasswordClients(boolean enabled) {

    private static final Logger log = LoggerFactory.getLogger(PasswordClients.class);

    static PasswordClients decide(HttpBasicProperties httpBasic, TransportSecurity transport) {
        boolean enabled = httpBasic.enabled() != null ? httpBasic.enabled() : !transport.encrypted();
        if (enabled && transport.encrypted()) {
            log.warn("Client systems may authenticate with passwords (HTTP Basic) beside their TLS client certificates"
                    + " (arkisto.security.http-basic.enabled=true): a fallback for migrations, not for production use");
        } else if (!enabled) {
            log.info("Client systems authenticate with their TLS client certificates; HTTP Basic is off for them"
                    + " (arkisto.security.http-basic.enabled)");
        }
        return new PasswordClients(enabled);
    }
}
