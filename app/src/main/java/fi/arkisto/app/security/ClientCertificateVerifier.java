package fi.arkisto.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.arkisto.app.transport.ClientCertificateAnchors;
import fi.arkisto.app.transport.ClientCertificateProperties;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.signature.CertificationPaths;
import fi.arkisto.store.signature.TrustAnchors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a TLS client certificate authenticates a client system, and which (docs/running.md, "Client systems
 * by certificate"), for a certificate presented in the TLS handshake and for one a reverse proxy forwards alike:
 * <ol>
 *   <li>a certification path to the client certificate trust anchors exists (PKIX, nothing fetched from the network;
 *       a certificate in the anchors itself is pinned), else {@code CLIENT_CERTIFICATE_UNTRUSTED};</li>
 *   <li>the certificate is valid now, else {@code CLIENT_CERTIFICATE_EXPIRED};</li>
 *   <li>its key usage, where present, allows a TLS client's signature, and its extended key usage, where present,
 *       names client authentication (RFC 5280 4.2.1.3, 4.2.1.12), else {@code CLIENT_CERTIFICATE_UNTRUSTED};</li>
 *   <li>no certificate of the path is revoked by a CRL of the anchor directory (each CRL verified against the key of
 *       the issuer it names), else {@code CLIENT_CERTIFICATE_REVOKED};</li>
 *   <li>its subject serialNumber is an organisation OID, as in DVV's service certificates, else
 *       {@code CLIENT_CERTIFICATE_WITHOUT_ORGANISATION}.</li>
 * </ol>
 * The path of a certificate once checked is kept until the anchors change; its validity and revocation are judged at
 * every request.
 */
final class ClientCertificateVerifier {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int PATH_CACHE_LIMIT = 10_000;

    private final ClientCertificateAnchors anchors;
    private final Map<String, ClientCertificateProperties.ClientSystemRule> rules = new HashMap<>();
    private final Clock clock;
    private volatile Paths paths;
    /** CRL signatures already checked, with the issuer key they verified against. */
    private final Map<X509CRL, PublicKey> verifiedCrls = new ConcurrentHashMap<>();

    /** Paths built under one set of anchors: a new set starts afresh. */
    private record Paths(TrustAnchors anchors, Cache<X509Certificate, List<X509Certificate>> byLeaf) {
        Paths(TrustAnchors anchors) {
            this(anchors, Caffeine.newBuilder().maximumSize(PATH_CACHE_LIMIT).build());
        }
    }

    ClientCertificateVerifier(ClientCertificateAnchors anchors, ClientCertificateProperties properties, Clock clock) {
        this.anchors = anchors;
        properties.systems().forEach(rule -> rules.put(rule.organisation(), rule));
        this.clock = clock;
        this.paths = new Paths(anchors.anchors());
    }

    /**
     * @param presented the client's certificate first, then any intermediates it sent
     * @throws ArchiveException with the {@code CLIENT_CERTIFICATE_*} code of the first check that fails
     */
    ClientSystem verify(X509Certificate[] presented) {
        X509Certificate leaf = presented[0];
        Date now = Date.from(clock.instant());
        List<X509Certificate> path = path(leaf, Arrays.asList(presented).subList(1, presented.length), now);
        if (now.before(leaf.getNotBefore()) || now.after(leaf.getNotAfter())) {
            throw new ArchiveException(ErrorCode.CLIENT_CERTIFICATE_EXPIRED, "The client certificate "
                    + describe(leaf) + " is valid from " + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant());
        }
        checkUsage(leaf);
        checkRevocation(path, now.toInstant());
        return system(leaf);
    }

    private List<X509Certificate> path(X509Certificate leaf, List<X509Certificate> intermediates, Date now) {
        Paths current = paths;
        if (current.anchors() != anchors.anchors()) {
            current = new Paths(anchors.anchors());
            paths = current;
            verifiedCrls.clear();
        }
        List<X509Certificate> known = current.byLeaf().getIfPresent(leaf);
        if (known != null && validAt(known, now)) {
            return known;
        }
        // A path valid now, else one valid while the leaf is: that tells "expired" from "unknown".
        List<X509Certificate> built = build(current.anchors(), leaf, intermediates, now);
        if (built == null) {
            built = build(current.anchors(), leaf, intermediates, leaf.getNotBefore());
        }
        if (built == null) {
            throw new ArchiveException(ErrorCode.CLIENT_CERTIFICATE_UNTRUSTED, "No certification path from the client"
                    + " certificate " + describe(leaf) + " to the client certificate trust anchors");
        }
        current.byLeaf().put(leaf, built);
        return built;
    }

    private static List<X509Certificate> build(TrustAnchors trust, X509Certificate leaf, List<X509Certificate> intermediates,
                                               Date at) {
        return CertificationPaths.build(trust.certificates(), leaf, intermediates, at);
    }

    /** Every certificate of the path but the anchor (trusted as configured) is valid at {@code at}. */
    private static boolean validAt(List<X509Certificate> path, Date at) {
        int last = path.size() == 1 ? 1 : path.size() - 1;
        for (int i = 0; i < last; i++) {
            if (at.before(path.get(i).getNotBefore()) || at.after(path.get(i).getNotAfter())) {
                return false;
            }
        }
        return true;
    }

    private static void checkUsage(X509Certificate leaf) {
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
            throw new ArchiveException(ErrorCode.CLIENT_CERTIFICATE_UNTRUSTED, "The key usage of the client certificate "
                    + describe(leaf) + " does not allow digital signatures, which a TLS client makes");
        }
        try {
            List<String> extended = leaf.getExtendedKeyUsage();
            if (extended != null && !extended.contains(CLIENT_AUTH) && !extended.contains(ANY_EXTENDED_KEY_USAGE)) {
                throw new ArchiveException(ErrorCode.CLIENT_CERTIFICATE_UNTRUSTED, "The extended key usage of the client"
                        + " certificate " + describe(leaf) + " does not name client authentication");
            }
        } catch (CertificateParsingException e) {
            throw new ArchiveException(ErrorCode.CLIENT_CERTIFICATE_UNTRUSTED, "The extended key usage of the client"
                    + " certificate " + describe(leaf) + " cannot be read");
        }
    }

    private void checkRevocation(List<X509Certificate> path, Instant now) {
        TrustAnchors trust = anchors.anchors();
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            for (X509CRL crl : trust.crls()) {
                if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
                        || CertificationPaths.crlIssuerKey(crl, path, i, trust.certificates(), verifiedCrls) == null) {
                    continue;
                }
                X509CRLEntry entry = crl.getRevokedCertificate(certificate);
                if (entry != null && entry.getRevocationReason() != CRLReason.REMOVE_FROM_CRL
                        && !entry.getRevocationDate().toInstant().isAfter(now)) {
                    throw new ArchiveException(ErrorCode.CLIENT_CERTIFICATE_REVOKED, "The certificate " + describe(certificate)
                            + " was revoked at " + entry.getRevocationDate().toInstant()
                            + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")"));
                }
            }
        }
    }

    private ClientSystem system(X509Certificate leaf) {
        String serial = subjectAttribute(leaf, BCStyle.SERIALNUMBER);
        if (serial == null || !Oid.isValid(serial.strip())) {
            throw new ArchiveException(ErrorCode.CLIENT_CERTIFICATE_WITHOUT_ORGANISATION, "The client certificate "
                    + describe(leaf) + " has " + (serial == null ? "no subject serialNumber" : "the subject serialNumber "
                    + serial + ", which is not an organisation OID"));
        }
        Oid organisation = Oid.of(serial.strip());
        ClientCertificateProperties.ClientSystemRule rule = rules.get(organisation.value());
        Set<Oid> actsFor = new HashSet<>();
        actsFor.add(organisation);
        if (rule != null) {
            rule.actsFor().forEach(other -> actsFor.add(Oid.of(other)));
        }
        String commonName = subjectAttribute(leaf, BCStyle.CN);
        return new ClientSystem(organisation, commonName == null ? subject(leaf) : commonName,
                leaf.getSerialNumber().toString(16), actsFor, rule != null && rule.auditor());
    }

    private static String subjectAttribute(X509Certificate certificate, ASN1ObjectIdentifier attribute) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(attribute);
        return rdns.length == 0 || rdns[0].getFirst() == null ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static String describe(X509Certificate certificate) {
        return "(subject " + subject(certificate) + ", serial " + certificate.getSerialNumber().toString(16) + ")";
    }

    /** The subject as X.500 names it, with serialNumber by its name ({@code SERIALNUMBER=...}), not as an OID. */
    private static String subject(X509Certificate certificate) {
        return X500Name.getInstance(BCStyle.INSTANCE, certificate.getSubjectX500Principal().getEncoded()).toString();
    }
}
