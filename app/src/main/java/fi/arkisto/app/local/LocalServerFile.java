package fi.arkisto.app.local;

import fi.arkisto.app.embedded.OwnerOnlyFiles;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running server tells the tools on its machine, in an owner-only properties file under its data directory:
 * where its API is, the credential it generated for them at this start, and, when it speaks TLS, its certificate, which
 * the tools trust for this server and nothing else ({@link #sslContext()}): the URL names the loopback address, which
 * the certificate need not name, and whoever can read this file could read the server's key store too.
 *
 * @param url         the server's base URL (scheme, loopback or configured address, port, context path)
 * @param client      the HTTP Basic user name of local tools
 * @param password    its password for this start
 * @param pid         the server's process id
 * @param certificate the server's TLS certificate for an {@code https} URL, else null
 */
public record LocalServerFile(URI url, String client, String password, long pid, X509Certificate certificate) {

    private static final String URL = "url";
    private static final String CLIENT = "client";
    private static final String PASSWORD = "password";
    private static final String PID = "pid";
    private static final String CERTIFICATE = "certificate";

    public LocalServerFile(URI url, String client, String password, long pid) {
        this(url, client, password, pid, null);
    }

    /** The announcement in {@code file}, if one is there. */
    public static Optional<LocalServerFile> read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String url = properties.getProperty(URL);
        String client = properties.getProperty(CLIENT);
        String password = properties.getProperty(PASSWORD);
        String pid = properties.getProperty(PID, "0");
        if (url == null || client == null || password == null || !pid.matches("\\d{1,19}")) {
            throw new IllegalStateException(file + " is not a complete local server announcement (url, client, password, pid)");
        }
        String certificate = properties.getProperty(CERTIFICATE);
        if (url.startsWith("https:") && certificate == null) {
            throw new IllegalStateException(file + " announces an https server without its certificate");
        }
        return Optional.of(new LocalServerFile(URI.create(url), client, password, Long.parseLong(pid),
                certificate == null ? null : certificate(certificate, file)));
    }

    private static X509Certificate certificate(String base64, Path file) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " holds a server certificate that cannot be read", e);
        }
    }

    /** A TLS context that trusts this server's announced certificate and nothing else. */
    public SSLContext sslContext() {
        if (certificate == null) {
            throw new IllegalStateException("The server at " + url + " announced no certificate");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new PinnedServerCertificate(certificate)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No TLS in this JVM", e);
        }
    }

    /** Writes the announcement owner-only, replacing any earlier one atomically. */
    void write(Path file) {
        OwnerOnlyFiles.directory(file.toAbsolutePath().getParent());
        Properties properties = new Properties();
        properties.setProperty(URL, url.toString());
        properties.setProperty(CLIENT, client);
        properties.setProperty(PASSWORD, password);
        properties.setProperty(PID, Long.toString(pid));
        if (certificate != null) {
            try {
                properties.setProperty(CERTIFICATE, Base64.getEncoder().encodeToString(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("The server's certificate cannot be encoded", e);
            }
        }
        OwnerOnlyFiles.writeProperties(file, properties, "The running Arkisto server, for command-line tools on this machine"
                + " (owner-only; rewritten at every start, removed at a clean stop)");
    }

    @Override
    public String toString() {
        return "LocalServerFile[" + url + ", pid " + pid + "]";
    }
}
