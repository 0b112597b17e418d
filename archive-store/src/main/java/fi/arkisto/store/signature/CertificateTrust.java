package fi.arkisto.store.signature;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.arkisto.store.error.ErrorCode;

import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges whether a signing certificate was trustworthy when it signed (docs/trust.md, "The certificate"):
 * fit for signing and strong enough ({@link CertificateStrength}), PKIX path building to the configured anchors with the validity of every certificate judged at the signing
 * time (a certificate that expired after signing still verifies, as the real sample's does); a certificate in
 * the anchors itself is pinned. Revocation comes from the CRLs in the anchor directory, applied here rather than
 * by the JDK's revocation checker so that nothing is ever fetched from the network and the rule is explicit:
 * a revocation listed before the signing time always counts; one listed after it counts too unless its reason
 * is benign (superseded, cessation of operation, affiliation changed), because the signing time is asserted by
 * the signer and must not shelter a signature made with a compromised key.
 */
final class CertificateTrust {

    record Verdict(ErrorCode failure, String detail, List<X509Certificate> path) {
        boolean trusted() {
            return failure == null;
        }
    }

    private static final Set<CRLReason> BENIGN_AFTER_SIGNING =
            Set.of(CRLReason.SUPERSEDED, CRLReason.CESSATION_OF_OPERATION, CRLReason.AFFILIATION_CHANGED);
    private static final int PATH_CACHE_LIMIT = 10_000;

    private final Set<X509Certificate> anchorCertificates;
    private final List<X509CRL> crls;
    private final CertificateStrength strength;
    private final Clock clock;
    /** Paths already built and checked (signatures and anchors); only their validity dates vary per signing time. */
    private final Cache<X509Certificate, List<X509Certificate>> paths =
            Caffeine.newBuilder().maximumSize(PATH_CACHE_LIMIT).build();
    /** CRL signatures already checked against the key that issued them. */
    private final Map<X509CRL, PublicKey> verifiedCrls = new ConcurrentHashMap<>();

    CertificateTrust(TrustAnchors trustAnchors, CertificateStrength strength, Clock clock) {
        this.strength = strength;
        this.anchorCertificates = Set.copyOf(trustAnchors.certificates());
        this.crls = trustAnchors.crls();
        this.clock = clock;
    }

    Verdict judge(X509Certificate leaf, List<X509Certificate> supplied, Instant signingTime) {
        Date at = Date.from(signingTime);
        CertificateStrength.Problem weakness = strength.signingCertificate(leaf);
        if (weakness == null && !anchorCertificates.contains(leaf)) {
            // before the path is built: the JDK's path builder drops MD5-signed certificates without saying why
            weakness = strength.issuedSignature(leaf);
        }
        if (weakness != null) {
            return new Verdict(weakness.code(), weakness.detail(), List.of());
        }
        List<X509Certificate> path = paths.getIfPresent(leaf);
        if (path == null || !allValidAt(path, at)) {
            Verdict built = build(leaf, supplied, at);
            if (!built.trusted()) {
                return built;
            }
            path = built.path();
            weakness = strength.path(path);
            if (weakness != null) {
                return new Verdict(weakness.code(), weakness.detail(), List.of());
            }
            paths.put(leaf, path);
        }
        return revocation(path, signingTime);
    }

    private Verdict build(X509Certificate leaf, List<X509Certificate> supplied, Date at) {
        boolean validAtSigning = validAt(leaf, at);
        if (anchorCertificates.contains(leaf)) {
            return validAtSigning
                    ? new Verdict(null, "pinned", List.of(leaf))
                    : expired(leaf);
        }
        if (validAtSigning) {
            List<X509Certificate> path = buildPath(leaf, supplied, at);
            return path != null
                    ? new Verdict(null, "path", path)
                    : new Verdict(ErrorCode.SIGNATURE_UNTRUSTED,
                    "No certification path from " + leaf.getSubjectX500Principal() + " to a trust anchor valid at the signing time", List.of());
        }
        // Tell "a trusted certificate used outside its validity" from "an unknown certificate".
        return buildPath(leaf, supplied, leaf.getNotBefore()) != null
                ? expired(leaf)
                : new Verdict(ErrorCode.SIGNATURE_UNTRUSTED,
                "No certification path from " + leaf.getSubjectX500Principal() + " to a trust anchor", List.of());
    }

    private static Verdict expired(X509Certificate leaf) {
        return new Verdict(ErrorCode.SIGNATURE_CERTIFICATE_EXPIRED, "The certificate is valid from " + leaf.getNotBefore().toInstant()
                + " to " + leaf.getNotAfter().toInstant() + ", not at the signing time", List.of());
    }

    private List<X509Certificate> buildPath(X509Certificate leaf, List<X509Certificate> supplied, Date at) {
        return CertificationPaths.build(anchorCertificates, leaf, supplied, at);
    }

    private Verdict revocation(List<X509Certificate> path, Instant signingTime) {
        if (crls.isEmpty()) {
            return new Verdict(null, "trusted", path);
        }
        Instant now = clock.instant();
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            for (X509CRL crl : crls) {
                if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
                    continue;
                }
                PublicKey issuerKey = issuerKey(path, i, crl);
                if (issuerKey == null) {
                    continue;
                }
                X509CRLEntry entry = crl.getRevokedCertificate(certificate);
                if (entry == null || entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL) {
                    continue;
                }
                Instant revokedAt = entry.getRevocationDate().toInstant();
                boolean beforeSigning = !revokedAt.isAfter(signingTime);
                boolean benign = entry.getRevocationReason() != null && BENIGN_AFTER_SIGNING.contains(entry.getRevocationReason());
                if (!revokedAt.isAfter(now) && (beforeSigning || !benign)) {
                    return new Verdict(ErrorCode.SIGNATURE_CERTIFICATE_REVOKED, "Certificate " + certificate.getSerialNumber().toString(16)
                            + " of " + certificate.getSubjectX500Principal() + " was revoked at " + revokedAt
                            + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")"), List.of());
                }
            }
        }
        return new Verdict(null, "trusted", path);
    }

    /** The key that issued certificate {@code i} of the path, if it also signed this CRL; null when the CRL cannot be verified. */
    private PublicKey issuerKey(List<X509Certificate> path, int i, X509CRL crl) {
        return CertificationPaths.crlIssuerKey(crl, path, i, anchorCertificates, verifiedCrls);
    }

    /** Whether every certificate of a trusted path is within its validity at {@code at} (the anchor's own dates aside). */
    static boolean validThroughout(List<X509Certificate> path, Instant at) {
        return allValidAt(path, Date.from(at));
    }

    private static boolean allValidAt(List<X509Certificate> path, Date at) {
        // The trust anchor (last) is trusted as configured; its own dates are not judged, as in PKIX.
        for (int i = 0; i < path.size() - 1; i++) {
            if (!validAt(path.get(i), at)) {
                return false;
            }
        }
        return path.size() == 1 ? validAt(path.get(0), at) : true;
    }

    private static boolean validAt(X509Certificate certificate, Date at) {
        return !at.before(certificate.getNotBefore()) && !at.after(certificate.getNotAfter());
    }
}
