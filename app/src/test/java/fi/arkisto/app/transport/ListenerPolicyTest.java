package fi.arkisto.app.transport;

import fi.arkisto.app.support.TlsTestPki;
import fi.arkisto.store.signature.TrustAnchors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.mock.env.MockEnvironment;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a listener may be: loopback or TLS (or behind a declared proxy), and its TLS the archive's. */
class ListenerPolicyTest {

    private static final TlsTestPki PKI = TlsTestPki.create();
    private static final ReverseProxyProperties NO_PROXY = new ReverseProxyProperties(false, List.of(), "X-SSL-Client-Cert");
    private static final ClientCertificateAnchors ANCHORS = ClientCertificateAnchors.of(
            TrustAnchors.load(PKI.directory().resolve("client-trust-anchors")));

    @Test
    void plainHttpOnTheLoopbackIsTheNoSetupDefault() throws Exception {
        TomcatServletWebServerFactory factory = factory("127.0.0.1", null);

        policy(NO_PROXY, registry(null)).customize(factory);

        assertThat(factory.getSsl()).isNull();
    }

    @Test
    void plainHttpOnAnyOtherAddressIsRefusedWithWhatToConfigure() throws Exception {
        for (String address : new String[]{null, "0.0.0.0", "::"}) {
            TomcatServletWebServerFactory factory = factory(address, null);

            assertThatThrownBy(() -> policy(NO_PROXY, registry(null)).customize(factory))
                    .isInstanceOf(TransportSecurityException.class)
                    .hasMessageStartingWith("Arkisto will not listen on every network interface port 8443 without TLS:")
                    .hasMessageContaining("server.ssl.bundle", "server.address=127.0.0.1",
                            "arkisto.security.reverse-proxy.enabled=true");
        }
    }

    @Test
    void plainHttpBehindADeclaredReverseProxyIsAllowedAnywhere() throws Exception {
        TomcatServletWebServerFactory factory = factory("0.0.0.0", null);

        policy(new ReverseProxyProperties(true, List.of("10.0.0.5"), "X-SSL-Client-Cert"), registry(null)).customize(factory);

        assertThat(factory.getSsl()).isNull();
    }

    @Test
    void tlsAnywhereAsksForClientCertificatesWithTheArchivesProtocolsAndCiphers() throws Exception {
        Ssl ssl = bundled();
        TomcatServletWebServerFactory factory = factory("0.0.0.0", ssl);
        DefaultSslBundleRegistry bundles = registry(SslOptions.NONE);

        policy(NO_PROXY, bundles).customize(factory);

        assertThat(ssl.getClientAuth()).isEqualTo(Ssl.ClientAuth.WANT);
        SslBundle served = new TlsPolicyBundles(bundles, ANCHORS).getBundle(TlsTestPki.BUNDLE);
        assertThat(served.getOptions().getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(served.getOptions().getCiphers()).containsExactlyElementsOf(TlsOptions.CIPHERS);
        assertThat(served.getStores().getTrustStore().size()).isEqualTo(1);
    }

    @Test
    void aBundleMayNarrowTheProtocolsButNeverWidenThem() throws Exception {
        TomcatServletWebServerFactory narrowed = factory("127.0.0.1", bundled());
        policy(NO_PROXY, registry(SslOptions.of(null, new String[]{"TLSv1.3"}))).customize(narrowed);

        for (String[] weak : new String[][]{{"TLSv1.3", "TLSv1.1"}, {"TLSv1"}, {"SSLv3"}}) {
            TomcatServletWebServerFactory factory = factory("127.0.0.1", bundled());
            assertThatThrownBy(() -> policy(NO_PROXY, registry(SslOptions.of(null, weak))).customize(factory))
                    .isInstanceOf(TransportSecurityException.class)
                    .hasMessageContaining("the archive speaks TLS 1.2 and 1.3 only");
        }
        TomcatServletWebServerFactory cbc = factory("127.0.0.1", bundled());
        assertThatThrownBy(() -> policy(NO_PROXY, registry(SslOptions.of(
                new String[]{"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}, null))).customize(cbc))
                .isInstanceOf(TransportSecurityException.class)
                .hasMessageContaining("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "not a forward-secret AEAD suite");
    }

    @Test
    void aKeyStoreOutsideABundleOrATrustStoreInTheBundleIsRefused() throws Exception {
        Ssl keyStore = new Ssl();
        keyStore.setKeyStore(PKI.directory().resolve("server.p12").toString());
        assertThatThrownBy(() -> policy(NO_PROXY, registry(null)).customize(factory("127.0.0.1", keyStore)))
                .isInstanceOf(TransportSecurityException.class).hasMessageContaining("set server.ssl.bundle");

        Ssl ciphers = bundled();
        ciphers.setCiphers(new String[]{"TLS_AES_128_GCM_SHA256"});
        assertThatThrownBy(() -> policy(NO_PROXY, registry(SslOptions.NONE)).customize(factory("127.0.0.1", ciphers)))
                .isInstanceOf(TransportSecurityException.class).hasMessageContaining("do not apply to an SSL bundle");

        DefaultSslBundleRegistry withTrust = new DefaultSslBundleRegistry();
        withTrust.registerBundle(TlsTestPki.BUNDLE, SslBundle.of(SslStoreBundle.of(serverKeyStore(),
                TlsTestPki.PASSWORD, serverKeyStore())));
        assertThatThrownBy(() -> policy(NO_PROXY, withTrust).customize(factory("127.0.0.1", bundled())))
                .isInstanceOf(TransportSecurityException.class)
                .hasMessageContaining("arkisto.security.client-certificates.trust-anchors");
    }

    @Test
    void theConfigurationIsJudgedBeforeAnythingStarts() {
        assertThatThrownBy(() -> early(new MockEnvironment().withProperty("server.address", "0.0.0.0")
                .withProperty("server.port", "9443")))
                .isInstanceOf(TransportSecurityException.class)
                .hasMessageStartingWith("Arkisto will not listen on every network interface port 9443 without TLS:");
        assertThatThrownBy(() -> early(new MockEnvironment())).as("no address: every interface")
                .hasMessageContaining("every network interface port 8080");

        early(new MockEnvironment().withProperty("server.address", "127.0.0.1"));
        early(new MockEnvironment().withProperty("server.address", "::1"));
        early(new MockEnvironment().withProperty("server.address", "0.0.0.0").withProperty("server.ssl.bundle", "tls"));
        early(new MockEnvironment().withProperty("server.address", "0.0.0.0")
                .withProperty("arkisto.security.reverse-proxy.enabled", "true"));
        assertThatThrownBy(() -> early(new MockEnvironment().withProperty("server.address", "0.0.0.0")
                .withProperty("server.ssl.bundle", "tls").withProperty("server.ssl.enabled", "false")))
                .isInstanceOf(TransportSecurityException.class);
    }

    private static void early(MockEnvironment environment) {
        EarlyListenerCheck check = new EarlyListenerCheck();
        check.setEnvironment(environment);
        check.postProcessBeanFactory(null);
    }

    private static ListenerPolicy policy(ReverseProxyProperties proxy, DefaultSslBundleRegistry bundles) {
        return new ListenerPolicy("the server", "server", bundles, ANCHORS, proxy);
    }

    private static TomcatServletWebServerFactory factory(String address, Ssl ssl) throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(8443);
        factory.setAddress(address == null ? null : InetAddress.getByName(address));
        factory.setSsl(ssl);
        return factory;
    }

    private static Ssl bundled() {
        Ssl ssl = new Ssl();
        ssl.setBundle(TlsTestPki.BUNDLE);
        return ssl;
    }

    /** The server's key store as its bundle, with these options (null: no bundle at all). */
    private static DefaultSslBundleRegistry registry(SslOptions options) throws Exception {
        DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
        if (options != null) {
            registry.registerBundle(TlsTestPki.BUNDLE, SslBundle.of(SslStoreBundle.of(serverKeyStore(), TlsTestPki.PASSWORD,
                    null), SslBundleKey.of(TlsTestPki.PASSWORD, "server"), options));
        }
        return registry;
    }

    private static KeyStore serverKeyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(PKI.directory().resolve("server.p12"))) {
            store.load(in, TlsTestPki.PASSWORD.toCharArray());
        }
        return store;
    }
}
