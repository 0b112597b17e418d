package fi.arkisto.app.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.servlet.server.AbstractServletWebServerFactory;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;

import java.net.InetAddress;

/**
 * What every listener of the archive (the server's, and the management server's when actuator has a port of its
 * own) must be (kanta.fi on the archive: all transfer between social welfare services and the archive is encrypted):
 * <ul>
 *   <li>without TLS, bound to the loopback address only (the no-setup default: {@code server.address=127.0.0.1}),
 *       unless the operator declares TLS terminated by a reverse proxy ({@link ReverseProxyProperties});</li>
 *   <li>with TLS, its key store an SSL bundle ({@code server.ssl.bundle}), TLS 1.2/1.3 with the archive's cipher suites
 *       ({@link TlsOptions}), and, when client certificate trust anchors are configured, asking for a client certificate
 *       ({@code client-auth} {@code want} unless configured) and trusting exactly those anchors.</li>
 * </ul>
 * Anything else stops the start with one sentence ({@link TransportSecurityException}). Runs after Spring Boot's own
 * customizers, so it judges the address and TLS the listener will really have.
 */
final class ListenerPolicy implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ListenerPolicy.class);

    private final String listener;
    private final String keyPrefix;
    private final SslBundles bundles;
    private final ClientCertificateAnchors anchors;
    private final ReverseProxyProperties proxy;

    /**
     * @param listener  the listener's name in messages ("the server", "the management server")
     * @param keyPrefix its configuration keys ({@code server}, {@code management.server})
     */
    ListenerPolicy(String listener, String keyPrefix, SslBundles bundles, ClientCertificateAnchors anchors,
                   ReverseProxyProperties proxy) {
        this.listener = listener;
        this.keyPrefix = keyPrefix;
        this.bundles = bundles;
        this.anchors = anchors;
        this.proxy = proxy;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        AbstractServletWebServerFactory server = (AbstractServletWebServerFactory) factory;
        InetAddress address = server.getAddress();
        Ssl ssl = server.getSsl();
        if (!Ssl.isEnabled(ssl)) {
            if (address != null && address.isLoopbackAddress()) {
                return;
            }
            if (proxy.enabled()) {
                log.info("{} listens without TLS on {}: TLS is terminated by the reverse proxies {}", capitalised(),
                        where(address, server.getPort()), proxy.addresses());
                return;
            }
            throw plaintextRefused(listener, keyPrefix, address, server.getPort());
        }
        if (!StringUtils.hasText(ssl.getBundle())) {
            throw new TransportSecurityException("Arkisto takes " + listener + "'s TLS key store as an SSL bundle: set "
                    + keyPrefix + ".ssl.bundle to a spring.ssl.bundle.jks.* or .pem.* bundle instead of " + keyPrefix
                    + ".ssl.key-store or .certificate.", ReverseProxyProperties.RUNNING_MD);
        }
        if (ssl.getCiphers() != null || ssl.getEnabledProtocols() != null) {
            throw new TransportSecurityException(keyPrefix + ".ssl.ciphers and .enabled-protocols do not apply to an SSL"
                    + " bundle: set them on the bundle (spring.ssl.bundle.*." + ssl.getBundle() + ".options.ciphers and"
                    + " .enabled-protocols), or leave them to the archive's TLS 1.2/1.3 defaults.",
                    ReverseProxyProperties.RUNNING_MD);
        }
        if (!anchors.configured()) {
            log.warn("{} speaks TLS but asks no client for a certificate: client systems cannot authenticate by"
                    + " certificate until arkisto.security.client-certificates.trust-anchors names their issuers", capitalised());
        } else if (ssl.getClientAuth() == null) {
            ssl.setClientAuth(Ssl.ClientAuth.WANT);
        } else if (ssl.getClientAuth() == Ssl.ClientAuth.NONE) {
            log.warn("{}.ssl.client-auth=none: {} asks no client for a certificate, so client systems cannot authenticate"
                    + " by certificate", keyPrefix, listener);
        }
        TlsPolicyBundles policy = new TlsPolicyBundles(bundles, anchors);
        SslBundle bundle = policy.getBundle(ssl.getBundle());
        factory.setSslBundles(policy);
        log.info("{} speaks {} on {} (client certificates: {})", capitalised(), TlsOptions.describe(bundle.getOptions()),
                where(address, server.getPort()), Ssl.ClientAuth.map(ssl.getClientAuth(), "not requested", "requested",
                        "required"));
    }

    /** The one sentence that refuses a listener beyond the loopback without TLS, saying what to configure. */
    static TransportSecurityException plaintextRefused(String listener, String keyPrefix, InetAddress address, int port) {
        return new TransportSecurityException("Arkisto will not listen on " + where(address, port)
                + " without TLS: configure " + listener + "'s key store (" + keyPrefix + ".ssl.bundle naming a"
                + " spring.ssl.bundle.jks.* or .pem.* bundle), bind it to the loopback address (" + keyPrefix
                + ".address=127.0.0.1), or declare TLS terminated by a reverse proxy"
                + " (arkisto.security.reverse-proxy.enabled=true with its .addresses).", ReverseProxyProperties.RUNNING_MD);
    }

    private String capitalised() {
        return Character.toUpperCase(listener.charAt(0)) + listener.substring(1);
    }

    private static String where(InetAddress address, int port) {
        String host = address == null || address.isAnyLocalAddress() ? "every network interface" : address.getHostAddress();
        return host + (port > 0 ? " port " + port : " (a free port)");
    }
}
