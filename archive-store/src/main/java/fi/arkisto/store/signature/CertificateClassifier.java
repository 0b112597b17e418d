package fi.arkisto.store.signature;

import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.identity.Oid;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;

import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which kind of signer a certificate identifies, so a claimed signature type can be cross-checked.
 * <p>The rule (docs/trust.md, "The certificate"):
 * <ul>
 *   <li>SYSTEM: the subject {@code serialNumber} (2.5.4.5) is an organisation identifier, i.e. a valid OID
 *       (a DVV system/service certificate carries the organisation OID there, e.g. the real sample's
 *       {@code SERIALNUMBER=1.2.246.10.32213561.10.0}).</li>
 *   <li>PROFESSIONAL: the subject {@code serialNumber} identifies a person: it is present and not an OID
 *       (a DVV professional card carries the holder's electronic identifier (SATU) or a personal identity code).</li>
 *   <li>otherwise (no subject serialNumber): neither; any claimed type is a mismatch.</li>
 * </ul>
 * When {@code arkisto.signature.certificate-policies.<class>} lists policy OIDs, the certificate must in addition
 * carry one of them to count as that class.
 */
final class CertificateClassifier {

    private final Set<String> professionalPolicies;
    private final Set<String> systemPolicies;

    CertificateClassifier(SignatureProperties.CertificatePolicies policies) {
        this.professionalPolicies = Set.copyOf(policies.professional());
        this.systemPolicies = Set.copyOf(policies.system());
    }

    /** The class of the certificate, or null when it identifies neither an organisation system nor a person. */
    SignatureType classify(X509Certificate certificate) {
        String serial = subjectAttribute(certificate, BCStyle.SERIALNUMBER);
        if (serial == null || serial.isBlank()) {
            return null;
        }
        if (Oid.isValid(serial)) {
            return carriesOneOf(certificate, systemPolicies) ? SignatureType.SYSTEM : null;
        }
        return carriesOneOf(certificate, professionalPolicies) ? SignatureType.PROFESSIONAL : null;
    }

    /** A human-readable signer: the organisation (with its OID) for system certificates, the person's name otherwise. */
    static String signer(X509Certificate certificate, SignatureType type) {
        String cn = subjectAttribute(certificate, BCStyle.CN);
        String serial = subjectAttribute(certificate, BCStyle.SERIALNUMBER);
        if (type == SignatureType.SYSTEM) {
            String organisation = subjectAttribute(certificate, BCStyle.O);
            String name = organisation != null ? organisation : cn;
            return serial == null ? name : name + " (" + serial + ")";
        }
        if (cn != null) {
            return cn;
        }
        String given = subjectAttribute(certificate, BCStyle.GIVENNAME);
        String surname = subjectAttribute(certificate, BCStyle.SURNAME);
        return ((given == null ? "" : given) + " " + (surname == null ? "" : surname)).trim();
    }

    static String subjectAttribute(X509Certificate certificate, ASN1ObjectIdentifier attribute) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] rdns = name.getRDNs(attribute);
        if (rdns.length == 0 || rdns[0].getFirst() == null) {
            return null;
        }
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static boolean carriesOneOf(X509Certificate certificate, Set<String> required) {
        if (required.isEmpty()) {
            return true;
        }
        return policies(certificate).stream().anyMatch(required::contains);
    }

    static List<String> policies(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.certificatePolicies.getId());
        if (extension == null) {
            return List.of();
        }
        try {
            CertificatePolicies policies = CertificatePolicies.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets());
            Set<String> ids = new HashSet<>();
            for (PolicyInformation info : policies.getPolicyInformation()) {
                ids.add(info.getPolicyIdentifier().getId());
            }
            return List.copyOf(ids);
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }
}
