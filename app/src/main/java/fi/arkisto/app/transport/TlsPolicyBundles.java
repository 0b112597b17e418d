package fi.arkisto.app.transport;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The SSL bundles as the archive's TLS listeners see them: each with the archive's protocols and cipher suites
 * ({@link TlsOptions}) and with the client certificate trust anchors as its trust store. A new key (a bundle with
 * {@code reload-on-update}) and new anchors both reach the listener through the bundle's update handlers, so the
 * handshake trusts the anchors in force without a restart.
 */
final class TlsPolicyBundles implements SslBundles {

    private final SslBundles bundles;
    private final ClientCertificateAnchors anchors;

    TlsPolicyBundles(SslBundles bundles, ClientCertificateAnchors anchors) {
        this.bundles = bundles;
        this.anchors = anchors;
    }

    @Override
    public SslBundle getBundle(String name) throws NoSuchSslBundleException {
        return enforced(name, bundles.getBundle(name));
    }

    @Override
    public void addBundleUpdateHandler(String name, Consumer<SslBundle> updateHandler) throws NoSuchSslBundleException {
        bundles.addBundleUpdateHandler(name, updated -> updateHandler.accept(enforced(name, updated)));
        anchors.onChange(() -> updateHandler.accept(getBundle(name)));
    }

    @Override
    public void addBundleRegisterHandler(BiConsumer<String, SslBundle> registerHandler) {
        bundles.addBundleRegisterHandler(registerHandler);
    }

    @Override
    public List<String> getBundleNames() {
        return bundles.getBundleNames();
    }

    private SslBundle enforced(String name, SslBundle bundle) {
        if (bundle.getStores().getTrustStore() != null) {
            throw new TransportSecurityException("The TLS bundle " + name + " has a trust store, but the issuers of client"
                    + " certificates belong in arkisto.security.client-certificates.trust-anchors (a directory with their CRLs,"
                    + " re-read while the server runs): remove spring.ssl.bundle.*." + name + ".truststore.",
                    ReverseProxyProperties.RUNNING_MD);
        }
        SslStoreBundle stores = SslStoreBundle.of(bundle.getStores().getKeyStore(), bundle.getStores().getKeyStorePassword(),
                anchors.trustStore());
        return SslBundle.of(stores, bundle.getKey(), TlsOptions.enforced(name, bundle.getOptions()), bundle.getProtocol());
    }
}
