package fi.arkisto.store.signature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The trust anchors in force, as {@code arkisto.signature.trust-anchors} holds them now (docs/running.md, "Trust
 * anchors"): read at start, where a malformed file stops the start, and re-read while the archive runs
 * ({@link TrustAnchorReloadSchedule}) so that an operator adds a CA, replaces a pinned certificate or drops in a
 * newer CRL without a restart. A reload happens only when the directory's content changed; one that fails (a file
 * half copied, not a certificate) keeps the anchors in force and is logged, once per content.
 */
public final class TrustAnchorDirectory {

    private static final Logger log = LoggerFactory.getLogger(TrustAnchorDirectory.class);

    private record State(String fingerprint, TrustAnchors anchors) {
    }

    private final Path directory;
    private final String name;
    private volatile State state;
    private volatile String failedFingerprint;

    private TrustAnchorDirectory(Path directory, String name, State state) {
        this.directory = directory;
        this.name = name;
        this.state = state;
    }

    /** Fixed anchors that are never re-read (tests, tools). */
    public static TrustAnchorDirectory fixed(TrustAnchors anchors) {
        return new TrustAnchorDirectory(null, "Trust anchors", new State("", anchors));
    }

    /** Reads the directory (none configured: nothing is trusted) and logs how many anchors it holds. */
    public static TrustAnchorDirectory load(Path directory) {
        if (directory == null) {
            log.warn("No trust anchors configured (arkisto.signature.trust-anchors): every signed document is refused"
                    + " with SIGNATURE_UNTRUSTED");
            return fixed(TrustAnchors.none());
        }
        return load(directory, "Trust anchors");
    }

    /**
     * Reads a directory of the same layout for another purpose (the trusted issuers of TLS client certificates), its
     * log lines named {@code name}.
     */
    public static TrustAnchorDirectory load(Path directory, String name) {
        Path absolute = directory.toAbsolutePath().normalize();
        String fingerprint = fingerprint(absolute);
        TrustAnchors anchors = TrustAnchors.load(absolute);
        log.info("{}: {} from {}", name, describe(anchors), absolute);
        return new TrustAnchorDirectory(absolute, name, new State(fingerprint, anchors));
    }

    /** The anchors in force: a new instance after each re-read that changed them. */
    public TrustAnchors anchors() {
        return state.anchors();
    }

    /** Where the anchors come from; null for fixed anchors. */
    public Path directory() {
        return directory;
    }

    /**
     * Re-reads the directory if its content changed since the last read.
     *
     * @return whether the anchors in force changed
     */
    public boolean reloadIfChanged() {
        if (directory == null) {
            return false;
        }
        State current = state;
        String fingerprint;
        TrustAnchors anchors;
        try {
            fingerprint = fingerprint(directory);
            if (fingerprint.equals(current.fingerprint()) || fingerprint.equals(failedFingerprint)) {
                return false;
            }
            anchors = TrustAnchors.load(directory);
        } catch (RuntimeException e) {
            String failed = safeFingerprint();
            if (failed == null || !failed.equals(failedFingerprint)) {
                log.warn("{} in {} could not be re-read, the {} in force stay: {}", name, directory,
                        describe(current.anchors()), e.getMessage());
            }
            failedFingerprint = failed;
            return false;
        }
        failedFingerprint = null;
        state = new State(fingerprint, anchors);
        Set<String> before = fingerprints(current.anchors());
        Set<String> after = fingerprints(anchors);
        long added = after.stream().filter(f -> !before.contains(f)).count();
        long removed = before.stream().filter(f -> !after.contains(f)).count();
        log.info("{} reloaded from {}: {} (added {}, removed {})", name, directory, describe(anchors),
                added, removed);
        return true;
    }

    private String safeFingerprint() {
        try {
            return fingerprint(directory);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String describe(TrustAnchors anchors) {
        int certificates = anchors.certificates().size();
        int crls = anchors.crls().size();
        return certificates + (certificates == 1 ? " certificate" : " certificates") + " and " + crls
                + (crls == 1 ? " revocation list" : " revocation lists");
    }

    /** SHA-256 over the names and bytes of the files {@link TrustAnchors#load} reads: changes exactly when they do. */
    private static String fingerprint(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("arkisto.signature.trust-anchors is not a directory: " + directory);
        }
        MessageDigest digest = sha256();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                if (Files.isRegularFile(file) && TrustAnchors.isAnchorFile(file.getFileName().toString().toLowerCase(Locale.ROOT))) {
                    byte[] name = file.getFileName().toString().getBytes(StandardCharsets.UTF_8);
                    digest.update(name);
                    digest.update((byte) 0);
                    digest.update(Files.readAllBytes(file));
                    digest.update((byte) 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read trust anchors from " + directory, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Set<String> fingerprints(TrustAnchors anchors) {
        Set<String> fingerprints = new HashSet<>();
        for (X509Certificate certificate : anchors.certificates()) {
            try {
                fingerprints.add(HexFormat.of().formatHex(sha256().digest(certificate.getEncoded())));
            } catch (CertificateEncodingException e) {
                fingerprints.add(certificate.getSubjectX500Principal() + "/" + certificate.getSerialNumber());
            }
        }
        return fingerprints;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
