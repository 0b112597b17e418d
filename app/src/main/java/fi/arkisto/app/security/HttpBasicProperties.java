package fi.arkisto.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code arkisto.security.http-basic}: whether client systems may authenticate with a password (HTTP Basic,
 * {@code arkisto.security.api-clients}) beside their TLS client certificates.
 *
 * @param enabled true or false; unset = only while the server speaks plain HTTP on the loopback address (the no-setup
 *                default and development), off as soon as clients reach it over TLS, its own or a reverse proxy's
 *                (production). The dev profile sets it true. The local tools' credential of a running server and the
 *                metrics scraper's credential are not client systems and stay HTTP Basic either way.
 */
@ConfigurationProperties("arkisto.security.http-basic")
public record HttpBasicProperties(Boolean enabled) {
}
