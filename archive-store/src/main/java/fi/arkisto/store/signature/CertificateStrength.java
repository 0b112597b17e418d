package fi.arkisto.store.signature;

import fi.arkisto.store.error.ErrorCode;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.w3c.dom.Element;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static fi.arkisto.store.hl7.Hl7Elements.children;
import static fi.arkisto.store.hl7.Hl7Namespaces.XMLDSIG;

/**
 * The minimum strength of a signing path ({@code arkisto.signature.strength.*}, docs/trust.md): no key shorter than
 * configured (RSA and DSA moduli, elliptic-curve fields) in any certificate of the path, trust anchor included (its key
 * signed the next certificate); no weak digest (by default MD2, MD5, SHA-1) in the XML signature nor in the signature
 * of any certificate but the trust anchor's own (an anchor is trusted because it is configured, not because of its
 * self-signature); and a signing certificate whose key usage allows digital signatures or non-repudiation and whose
 * extended key usage, when present, names a purpose fit for signing documents (a TLS server certificate is not).
 * Immutable and thread-safe.
 */
final class CertificateStrength {

    /** A refusal: its code and what exactly is too weak. */
    record Problem(ErrorCode code, String detail) {
    }

    private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

    private final int minimumRsaBits;
    private final int minimumEcBits;
    private final Set<String> weakDigests = new HashSet<>();
    private final Set<String> signingPurposes;

    CertificateStrength(SignatureProperties.Strength strength) {
        this.minimumRsaBits = strength.minimumRsaKeyBits();
        this.minimumEcBits = strength.minimumEcKeyBits();
        strength.weakDigests().forEach(d -> weakDigests.add(normalise(d)));
        this.signingPurposes = Set.copyOf(strength.signingExtendedKeyUsages());
    }

    /** The signing certificate's own fitness: key usage, extended key usage, key length. Null when fit. */
    Problem signingCertificate(X509Certificate leaf) {
        boolean[] keyUsage = leaf.getKeyUsage();
        // digitalSignature (0) or nonRepudiation (1); no KeyUsage extension means unrestricted (RFC 5280 4.2.1.3)
        if (keyUsage != null && !(keyUsage.length > 0 && keyUsage[0]) && !(keyUsage.length > 1 && keyUsage[1])) {
            return new Problem(ErrorCode.SIGNATURE_KEY_USAGE_INVALID, "The certificate's key usage allows neither "
                    + "digital signatures nor non-repudiation");
        }
        List<String> purposes;
        try {
            purposes = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return new Problem(ErrorCode.SIGNATURE_KEY_USAGE_INVALID, "The certificate's extended key usage cannot be read");
        }
        if (purposes != null && purposes.stream().noneMatch(signingPurposes::contains)) {
            return new Problem(ErrorCode.SIGNATURE_KEY_USAGE_INVALID, "The certificate's extended key usage " + purposes
                    + " names no purpose fit for signing documents (accepted: " + signingPurposes + ")");
        }
        return key(leaf);
    }

    /** The digest of a certificate's own signature, for one whose issuer the path relies on. Null when acceptable. */
    Problem issuedSignature(X509Certificate certificate) {
        String digest = digestOf(certificate);
        if (digest != null && weakDigests.contains(normalise(digest))) {
            return new Problem(ErrorCode.SIGNATURE_ALGORITHM_WEAK, "Certificate " + certificate.getSubjectX500Principal()
                    + " is signed with " + certificate.getSigAlgName() + "; " + digest + " is refused as weak");
        }
        return null;
    }

    /**
     * A built path (leaf first, trust anchor last): every key, and the signature of every certificate but the anchor.
     * Null when the whole path is strong enough.
     */
    Problem path(List<X509Certificate> path) {
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            Problem problem = key(certificate);
            if (problem == null && i < path.size() - 1) {
                problem = issuedSignature(certificate);
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * The XML signature's own algorithms, read from the DOM before the signature is unmarshalled (the JDK's secure
     * validation refuses some weak algorithms without saying which): SignatureMethod and every DigestMethod.
     */
    Problem xmlSignature(Element signature) {
        Element signedInfo = SignedParts.onlyChild(signature, XMLDSIG, "SignedInfo");
        if (signedInfo == null) {
            return null;
        }
        Element method = SignedParts.onlyChild(signedInfo, XMLDSIG, "SignatureMethod");
        Problem problem = method == null ? null : xmlAlgorithm(method.getAttribute("Algorithm"), "SignatureMethod");
        for (Element reference : children(signedInfo, XMLDSIG, "Reference")) {
            for (Element digest : children(reference, XMLDSIG, "DigestMethod")) {
                problem = problem != null ? problem : xmlAlgorithm(digest.getAttribute("Algorithm"), "DigestMethod");
            }
        }
        return problem;
    }

    private Problem xmlAlgorithm(String uri, String element) {
        int fragment = uri.lastIndexOf('#');
        String name = fragment < 0 ? uri : uri.substring(fragment + 1);
        for (String part : name.split("-")) {
            String normalised = normalise(part);
            if ((normalised.startsWith("SHA") || normalised.startsWith("MD")) && weakDigests.contains(normalised)) {
                return new Problem(ErrorCode.SIGNATURE_ALGORITHM_WEAK, "The signature's " + element + " " + uri
                        + " uses " + part + ", refused as weak");
            }
        }
        return null;
    }

    private Problem key(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        int bits;
        int minimum;
        if (key instanceof RSAPublicKey rsa) {
            bits = rsa.getModulus().bitLength();
            minimum = minimumRsaBits;
        } else if (key instanceof DSAPublicKey dsa) {
            bits = dsa.getParams().getP().bitLength();
            minimum = minimumRsaBits;
        } else if (key instanceof ECPublicKey ec) {
            bits = ec.getParams().getCurve().getField().getFieldSize();
            minimum = minimumEcBits;
        } else if (key.getAlgorithm().startsWith("Ed")) {
            // Ed25519 and Ed448: fixed curves of 255 and 448 bits
            return null;
        } else {
            return new Problem(ErrorCode.SIGNATURE_KEY_TOO_WEAK, "Certificate " + certificate.getSubjectX500Principal()
                    + " has a " + key.getAlgorithm() + " key, whose strength the archive does not judge");
        }
        if (bits < minimum) {
            return new Problem(ErrorCode.SIGNATURE_KEY_TOO_WEAK, "Certificate " + certificate.getSubjectX500Principal()
                    + " has a " + bits + "-bit " + key.getAlgorithm() + " key; at least " + minimum + " bits are required");
        }
        return null;
    }

    /** The digest algorithm of a certificate's signature (RSASSA-PSS names it in its parameters; SHA-1 by default). */
    private static String digestOf(X509Certificate certificate) {
        String oid = certificate.getSigAlgOID();
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(oid)) {
            byte[] parameters = certificate.getSigAlgParams();
            ASN1ObjectIdentifier hash = parameters == null ? RSASSAPSSparams.DEFAULT_HASH_ALGORITHM.getAlgorithm()
                    : RSASSAPSSparams.getInstance(parameters).getHashAlgorithm().getAlgorithm();
            return NAMES.getAlgorithmName(hash);
        }
        String name = certificate.getSigAlgName();
        int with = name.toUpperCase(Locale.ROOT).indexOf("WITH");
        return with > 0 ? name.substring(0, with) : null;
    }

    /** {@code SHA-1}, {@code sha1} and {@code SHA1} name the same digest. */
    static String normalise(String digest) {
        return digest.replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
    }
}
