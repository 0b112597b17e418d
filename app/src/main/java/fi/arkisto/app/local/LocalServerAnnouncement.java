package fi.arkisto.app.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;

/**
 * Writes the {@link LocalServerFile} once the server is ready to answer, and removes it when the server begins to
 * stop (only if it is still this start's: another server on the same data directory may have replaced it), so a tool
 * hands work only to a server that takes it.
 */
class LocalServerAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(LocalServerAnnouncement.class);

    private final Path file;
    private final LocalToolsCredential credential;
    private final ServerProperties server;
    private final SslBundles bundles;

    LocalServerAnnouncement(LocalToolsProperties properties, LocalToolsCredential credential, ServerProperties server,
                            SslBundles bundles) {
        this.file = properties.file().toAbsolutePath().normalize();
        this.credential = credential;
        this.server = server;
        this.bundles = bundles;
    }

    @EventListener
    void announce(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        URI url = baseUrl(web.getWebServer().getPort());
        try {
            new LocalServerFile(url, credential.client(), credential.password(), ProcessHandle.current().pid(),
                    tls() ? certificate() : null).write(file);
            log.info("Local tools (migrate) reach this server at {} with the credential in {}", url, file);
        } catch (RuntimeException e) {
            // the archive serves without it; only a tool beside it cannot hand its work over
            log.warn("Local tools cannot reach this server: {} could not be written ({})", file, e.getMessage());
        }
    }

    @EventListener
    void withdraw(ContextClosedEvent event) {
        try {
            Optional<LocalServerFile> current = LocalServerFile.read(file);
            if (current.isPresent() && current.get().password().equals(credential.password())) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove {}: {}", file, e.getMessage());
        }
    }

    private boolean tls() {
        return Ssl.isEnabled(server.getSsl());
    }

    /** The server's own certificate: the key entry of its TLS bundle (the bundle's key alias, else the first key). */
    private X509Certificate certificate() {
        SslBundle bundle = bundles.getBundle(server.getSsl().getBundle());
        KeyStore store = bundle.getStores().getKeyStore();
        try {
            String alias = bundle.getKey().getAlias();
            if (alias == null) {
                for (String candidate : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(candidate)) {
                        alias = candidate;
                        break;
                    }
                }
            }
            if (alias == null || !(store.getCertificate(alias) instanceof X509Certificate certificate)) {
                throw new IllegalStateException("the TLS key store " + server.getSsl().getBundle() + " holds no certificate");
            }
            return certificate;
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the TLS key store cannot be read: " + e.getMessage(), e);
        }
    }

    private URI baseUrl(int port) {
        boolean tls = tls();
        InetAddress address = server.getAddress();
        String host = address == null || address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        String contextPath = server.getServlet().getContextPath();
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + port + (contextPath == null ? "" : contextPath));
    }
}
