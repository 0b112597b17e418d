package fi.arkisto.app.transport;

import org.springframework.boot.ssl.SslOptions;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The TLS the archive speaks: TLS 1.3 and 1.2 only, with forward-secret AEAD cipher suites (the TLS 1.3 suites and,
 * for TLS 1.2, ECDHE or DHE key exchange with AES-GCM or ChaCha20-Poly1305: the "intermediate" profile of Mozilla's
 * server-side TLS guidelines, and the TLS 1.2 suites NCSC-FI's and BSI TR-02102-2's recommendations share). A bundle
 * that names its own protocols or ciphers may narrow these, never widen them.
 */
final class TlsOptions {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    static final List<String> CIPHERS = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
    private static final Set<String> ALLOWED_PROTOCOLS = Set.copyOf(PROTOCOLS);
    private static final Set<String> ALLOWED_CIPHERS = Set.copyOf(CIPHERS);

    private TlsOptions() {
    }

    /**
     * The bundle's options with the archive's protocols and ciphers where it names none.
     *
     * @throws TransportSecurityException when the bundle enables a protocol or cipher outside them
     */
    static SslOptions enforced(String bundle, SslOptions options) {
        String[] protocols = options.getEnabledProtocols();
        String[] ciphers = options.getCiphers();
        String key = "spring.ssl.bundle.*." + bundle + ".options.";
        if (protocols != null) {
            for (String protocol : protocols) {
                if (!ALLOWED_PROTOCOLS.contains(protocol)) {
                    throw new TransportSecurityException("The TLS bundle " + bundle + " enables " + protocol + ", but the"
                            + " archive speaks TLS 1.2 and 1.3 only: remove " + key + "enabled-protocols or list only "
                            + String.join(", ", PROTOCOLS) + ".", ReverseProxyProperties.RUNNING_MD);
                }
            }
        }
        if (ciphers != null) {
            for (String cipher : ciphers) {
                if (!ALLOWED_CIPHERS.contains(cipher)) {
                    throw new TransportSecurityException("The TLS bundle " + bundle + " enables the cipher suite " + cipher
                            + ", which is not a forward-secret AEAD suite of the archive's list: remove " + key + "ciphers or"
                            + " list only suites of " + String.join(", ", CIPHERS) + ".", ReverseProxyProperties.RUNNING_MD);
                }
            }
        }
        return SslOptions.of(ciphers != null && ciphers.length > 0 ? ciphers : CIPHERS.toArray(String[]::new),
                protocols != null && protocols.length > 0 ? protocols : PROTOCOLS.toArray(String[]::new));
    }

    static String describe(SslOptions options) {
        return String.join(" and ", Arrays.asList(options.getEnabledProtocols())) + " with " + options.getCiphers().length
                + " cipher suites";
    }
}
