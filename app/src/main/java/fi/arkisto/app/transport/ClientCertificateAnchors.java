package fi.arkisto.app.transport;

import fi.arkisto.store.schedule.FixedDelaySchedule;
import fi.arkisto.store.signature.TrustAnchorDirectory;
import fi.arkisto.store.signature.TrustAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The issuers trusted for TLS client certificates and their CRLs, as {@code arkisto.security.client-certificates
 * .trust-anchors} holds them now: the TLS handshake trusts exactly these certificates, and the archive checks each
 * client certificate against them and their CRLs again per request (revocation is checked there, not in the handshake).
 * Re-read on a schedule like the signature trust anchors; those interested in a change (the TLS listener, which then
 * reloads its trust) register with {@link #onChange}.
 *
 * <p>A set of its own, not {@code arkisto.signature.trust-anchors}: that set answers whose signatures count as evidence
 * in a document (professional card CAs, pinned certificates of test documents), this one which systems may connect.
 */
public final class ClientCertificateAnchors {

    static final String NAME = "Client certificate trust anchors";
    private static final Logger log = LoggerFactory.getLogger(ClientCertificateAnchors.class);

    private final TrustAnchorDirectory directory;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Trust trust;

    private record Trust(TrustAnchors anchors, KeyStore store) {
    }

    private ClientCertificateAnchors(TrustAnchorDirectory directory) {
        this.directory = directory;
        this.trust = directory == null ? new Trust(TrustAnchors.none(), null) : trust(directory.anchors());
    }

    /** Reads the configured directory; none configured: no client certificate is trusted, none is asked for. */
    public static ClientCertificateAnchors load(ClientCertificateProperties properties) {
        Path path = properties.trustAnchors();
        if (path == null) {
            return new ClientCertificateAnchors(null);
        }
        if (!Files.isDirectory(path)) {
            throw new TransportSecurityException("arkisto.security.client-certificates.trust-anchors is not a directory: "
                    + path + "; name the directory of the CA certificates (and CRLs) that issue client systems' certificates.",
                    ReverseProxyProperties.RUNNING_MD);
        }
        TrustAnchorDirectory directory = TrustAnchorDirectory.load(path, NAME);
        if (directory.anchors().certificates().isEmpty()) {
            throw new TransportSecurityException("arkisto.security.client-certificates.trust-anchors (" + path + ") holds no"
                    + " certificate: put the CA certificates that issue client systems' certificates there.",
                    ReverseProxyProperties.RUNNING_MD);
        }
        return new ClientCertificateAnchors(directory);
    }

    /** Fixed anchors, never re-read (tests). */
    public static ClientCertificateAnchors of(TrustAnchors anchors) {
        return new ClientCertificateAnchors(TrustAnchorDirectory.fixed(anchors));
    }

    public boolean configured() {
        return directory != null;
    }

    /** The certificates and CRLs in force. */
    public TrustAnchors anchors() {
        return trust.anchors();
    }

    /** The trust store of the TLS handshake, null when no issuers are configured. */
    KeyStore trustStore() {
        return trust.store();
    }

    /** Calls {@code listener} after each reload that changed the certificates or CRLs in force. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Re-reads the directory if it changed; a reload leaving no certificate keeps the handshake's trust as it was. */
    boolean reloadIfChanged() {
        if (directory == null || !directory.reloadIfChanged()) {
            return false;
        }
        TrustAnchors anchors = directory.anchors();
        if (anchors.certificates().isEmpty()) {
            log.warn("{} in {} hold no certificate now: every client certificate is refused until issuers are back",
                    NAME, directory.directory());
            trust = new Trust(anchors, trust.store());
            return true;
        }
        trust = trust(anchors);
        listeners.forEach(Runnable::run);
        return true;
    }

    private static Trust trust(TrustAnchors anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate certificate : anchors.certificates()) {
                store.setCertificateEntry("issuer-" + i++, certificate);
            }
            return new Trust(anchors, store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the trust store of client certificates", e);
        }
    }

    Path directory() {
        return directory == null ? null : directory.directory();
    }

    /** Re-reads the anchors every {@code trust-anchors-reload-interval} while the server runs. */
    static final class ReloadSchedule extends FixedDelaySchedule {

        private final ClientCertificateAnchors anchors;

        ReloadSchedule(ClientCertificateAnchors anchors, TaskScheduler scheduler, Duration interval) {
            super("the client certificate trust anchor reload", scheduler, interval);
            this.anchors = anchors;
        }

        @Override
        protected boolean enabled() {
            return anchors.configured();
        }

        @Override
        public synchronized void start() {
            boolean wasRunning = isRunning();
            super.start();
            if (!wasRunning && isRunning()) {
                log.info("{} in {} are re-read every {}", NAME, anchors.directory(), interval());
            }
        }

        @Override
        protected void runOnce() {
            anchors.reloadIfChanged();
        }
    }
}
