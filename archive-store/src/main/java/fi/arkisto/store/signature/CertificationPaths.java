package fi.arkisto.store.signature;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PKIX path building to a set of anchor certificates and the check that a CRL comes from a certificate's issuer,
 * shared by the signature trust ({@link CertificateTrust}) and the TLS client certificate checks: revocation is applied
 * by the caller from the CRLs of its anchor directory, never by the JDK's revocation checker, so nothing is fetched from
 * the network (RFC 5280 section 6 path validation; CRL signatures per section 6.3.3).
 */
public final class CertificationPaths {

    private CertificationPaths() {
    }

    /**
     * A certification path from {@code leaf} to one of {@code anchors} with every certificate valid at {@code at}, the
     * anchor last; a leaf among the anchors is pinned (its path is itself); null when there is none.
     *
     * @param supplied intermediates the leaf came with
     */
    public static List<X509Certificate> build(Collection<X509Certificate> anchors, X509Certificate leaf,
                                              List<X509Certificate> supplied, Date at) {
        if (anchors.contains(leaf)) {
            return List.of(leaf);
        }
        if (anchors.isEmpty()) {
            return null;
        }
        try {
            Set<TrustAnchor> trustAnchors = new HashSet<>();
            anchors.forEach(anchor -> trustAnchors.add(new TrustAnchor(anchor, null)));
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(at);
            List<X509Certificate> candidates = new ArrayList<>(supplied);
            candidates.add(leaf);
            candidates.addAll(anchors);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(certificate -> path.add((X509Certificate) certificate));
            path.add(result.getTrustAnchor().getTrustedCert());
            return List.copyOf(path);
        } catch (GeneralSecurityException noPath) {
            return null;
        }
    }

    /**
     * The key that issued certificate {@code i} of the path, if it also signed this CRL (the next certificate of the
     * path, or an anchor named as the CRL's issuer); null when the CRL does not verify against it.
     *
     * @param verified CRLs already verified, with the key they verified against (kept by the caller, may be shared)
     */
    public static PublicKey crlIssuerKey(X509CRL crl, List<X509Certificate> path, int i, Collection<X509Certificate> anchors,
                                         Map<X509CRL, PublicKey> verified) {
        List<PublicKey> candidates = new ArrayList<>();
        if (i + 1 < path.size()) {
            candidates.add(path.get(i + 1).getPublicKey());
        }
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                candidates.add(anchor.getPublicKey());
            }
        }
        PublicKey known = verified.get(crl);
        if (known != null && candidates.contains(known)) {
            return known;
        }
        for (PublicKey key : candidates) {
            try {
                crl.verify(key);
                verified.put(crl, key);
                return key;
            } catch (GeneralSecurityException notThisKey) {
                // try the next candidate
            }
        }
        return null;
    }
}
