package fi.arkisto.store.signature;

import fi.arkisto.store.error.ArchiveException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code trust-anchors --from-document FILE --out DIR}: writes the certificates a signed document carries into a trust
 * anchor directory ({@code arkisto.signature.trust-anchors}), one PEM file each, and prints what it wrote with the
 * SHA-256 fingerprints. For test set-ups: a certificate is trusted here only because the document carries it, so
 * compare the fingerprints with ones obtained from the issuer before trusting them further (docs/running.md).
 * Exit status 0 when written, 1 when the document cannot be read or carries no certificate, 2 for a wrong command line.
 */
public final class TrustAnchorsCommand {

    static final String USAGE = "usage: trust-anchors --from-document FILE --out DIR";

    private TrustAnchorsCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out);
    }

    static int run(String[] args, PrintStream out) {
        Path document = null;
        Path directory = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from-document" -> document = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--out" -> directory = i + 1 < args.length ? Path.of(args[++i]) : null;
                default -> {
                    out.println("Unknown option " + args[i]);
                    out.println(USAGE);
                    return 2;
                }
            }
        }
        if (document == null || directory == null) {
            out.println(USAGE);
            return 2;
        }
        List<X509Certificate> certificates;
        try {
            certificates = DocumentCertificates.carriedBy(Files.readAllBytes(document));
        } catch (NoSuchFileException e) {
            out.println("No such document: " + document);
            return 1;
        } catch (IOException e) {
            out.println("Cannot read " + document + ": " + e.getMessage());
            return 1;
        } catch (ArchiveException e) {
            out.println(document + " carries no readable signature certificates: " + e.detail() + " (" + e.code() + ")");
            return 1;
        }
        try {
            Files.createDirectories(directory);
            for (X509Certificate certificate : certificates) {
                String fingerprint = fingerprint(certificate);
                Path file = directory.resolve(fileName(certificate, fingerprint));
                Files.writeString(file, pem(certificate), StandardCharsets.US_ASCII);
                out.printf("Wrote %s%n  subject  %s%n  issuer   %s%n  valid    %s to %s%n  SHA-256  %s%n", file,
                        certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal(),
                        certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), fingerprint);
            }
        } catch (IOException | CertificateEncodingException e) {
            out.println("Cannot write the trust anchors into " + directory + ": " + e.getMessage());
            return 1;
        }
        out.println(certificates.size() + (certificates.size() == 1 ? " certificate" : " certificates") + " written to "
                + directory + ". They are trusted because the document carries them: for anything beyond tests, compare"
                + " the fingerprints with ones from their issuer. Point arkisto.signature.trust-anchors at the directory;"
                + " a running archive re-reads it (arkisto.signature.trust-anchors-reload-interval).");
        return 0;
    }

    /** {@code <subject CN, as a file name>-<16 hex of the SHA-256>.pem}: readable, and distinct per certificate. */
    private static String fileName(X509Certificate certificate, String fingerprint) {
        String subject = certificate.getSubjectX500Principal().getName();
        String cn = subject;
        for (String part : subject.split(",")) {
            if (part.startsWith("CN=")) {
                cn = part.substring(3);
                break;
            }
        }
        String slug = cn.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60);
        }
        return (slug.isEmpty() ? "certificate" : slug) + "-" + fingerprint.substring(0, 16) + ".pem";
    }

    private static String pem(X509Certificate certificate) throws CertificateEncodingException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
        return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    }

    private static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
