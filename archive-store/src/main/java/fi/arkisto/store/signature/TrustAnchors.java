package fi.arkisto.store.signature;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The certificates the archive trusts and the revocation lists it applies, read from
 * {@code arkisto.signature.trust-anchors} (docs/trust.md, "The certificate"): every {@code .pem .crt .cer .der}
 * file holds one or more certificates (PEM or DER), every {@code .crl} file a revocation list (PEM or DER).
 * A CA certificate anchors paths; a leaf certificate placed here is trusted as pinned.
 */
public final class TrustAnchors {

    private final List<X509Certificate> certificates;
    private final List<X509CRL> crls;

    private TrustAnchors(List<X509Certificate> certificates, List<X509CRL> crls) {
        this.certificates = List.copyOf(certificates);
        this.crls = List.copyOf(crls);
    }

    public static TrustAnchors of(Collection<X509Certificate> certificates, Collection<X509CRL> crls) {
        return new TrustAnchors(new ArrayList<>(certificates), new ArrayList<>(crls));
    }

    public static TrustAnchors none() {
        return new TrustAnchors(List.of(), List.of());
    }

    /** Reads the directory; an unreadable or malformed file is a configuration error, not silently skipped. */
    public static TrustAnchors load(Path directory) {
        if (directory == null) {
            return none();
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("arkisto.signature.trust-anchors is not a directory: " + directory);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                if (!isAnchorFile(name)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (name.endsWith(".crl")) {
                    crls.addAll(readCrls(bytes, file));
                } else {
                    certificates.addAll(readCertificates(bytes, file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read trust anchors from " + directory, e);
        }
        return new TrustAnchors(certificates, crls);
    }

    /** Whether a (lower-cased) file name is one this directory reads: a certificate or a revocation list file. */
    static boolean isAnchorFile(String name) {
        return name.endsWith(".crl") || name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")
                || name.endsWith(".der");
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public List<X509CRL> crls() {
        return crls;
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> readCertificates(byte[] bytes, Path file) {
        try {
            return List.copyOf((Collection<X509Certificate>) x509().generateCertificates(new ByteArrayInputStream(bytes)));
        } catch (CertificateException e) {
            throw new IllegalStateException("Not a certificate file: " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<X509CRL> readCrls(byte[] bytes, Path file) {
        try {
            return List.copyOf((Collection<X509CRL>) x509().generateCRLs(new ByteArrayInputStream(bytes)));
        } catch (CRLException e) {
            throw new IllegalStateException("Not a CRL file: " + file, e);
        }
    }

    static CertificateFactory x509() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new ArchiveException(ErrorCode.INTERNAL_ERROR, "No X.509 support in this JVM", e);
        }
    }
}
