package fi.arkisto.store.signature;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.URIReferenceException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.spec.ExcC14NParameterSpec;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static fi.arkisto.store.signature.SignatureVerifier.abbreviate;

/**
 * The cryptographic half of verifying one Kanta signature: XML-DSig in the Kanta profile (exclusive C14N; RSA or ECDSA
 * with SHA-256/384/512; exactly one reference to the body and one to the signature's own timestamp, transforms only
 * enveloped-signature and exclusive C14N), under the JDK's secure validation, with a dereferencer that reaches nothing
 * but those two elements (no external or other same-document reference is ever resolved).
 */
final class KantaXmlSignature {

    private static final Set<String> SIGNATURE_METHODS = Set.of(
            SignatureMethod.RSA_SHA256, SignatureMethod.RSA_SHA384, SignatureMethod.RSA_SHA512,
            SignatureMethod.ECDSA_SHA256, SignatureMethod.ECDSA_SHA384, SignatureMethod.ECDSA_SHA512);
    private static final Set<String> DIGEST_METHODS = Set.of(DigestMethod.SHA256, DigestMethod.SHA384, DigestMethod.SHA512);
    private static final Set<String> TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE);

    private static final ThreadLocal<XMLSignatureFactory> FACTORY = ThreadLocal.withInitial(() -> XMLSignatureFactory.getInstance("DOM"));

    private KantaXmlSignature() {
    }

    /** Null when the signature verifies over exactly the body and its own timestamp; otherwise what is wrong. */
    static String problem(SignedParts.Entry entry, String bodyId, PublicKey key, byte[] streamedBodyDigest) {
        String bodyUri = "#" + bodyId;
        String timestampUri = "#" + entry.timestampId;
        Set<String> allowed = Set.of(bodyUri, timestampUri);
        XMLSignatureFactory factory = FACTORY.get();
        DOMValidateContext context = new DOMValidateContext(key, entry.signature);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        URIDereferencer sameDocumentOnly = factory.getURIDereferencer();
        context.setURIDereferencer((reference, ctx) -> {
            if (!allowed.contains(reference.getURI())) {
                throw new URIReferenceException("Reference to " + abbreviate(reference.getURI()) + " is not allowed");
            }
            return sameDocumentOnly.dereference(reference, ctx);
        });
        try {
            XMLSignature signature = factory.unmarshalXMLSignature(context);
            String profile = profileProblem(signature, allowed, bodyUri, timestampUri);
            if (profile != null) {
                return profile;
            }
            if (streamedBodyDigest != null) {
                return streamedProblem(signature, context, bodyUri, streamedBodyDigest);
            }
            if (signature.validate(context)) {
                return null;
            }
            if (!signature.getSignatureValue().validate(context)) {
                return "the signature value does not match SignedInfo";
            }
            for (Object o : signature.getSignedInfo().getReferences()) {
                Reference reference = (Reference) o;
                if (!reference.validate(context)) {
                    return "the digest of " + (reference.getURI().equals(bodyUri) ? "the body" : "the signed timestamp") + " does not match";
                }
            }
            return "the signature does not verify";
        } catch (ArchiveException e) {
            throw e;
        } catch (MarshalException | XMLSignatureException | RuntimeException e) {
            return "the signature cannot be verified: " + e.getMessage();
        }
    }

    /** {@link #cryptographicProblem} for an elided DOM: the body's digest was computed while the body streamed. */
    private static String streamedProblem(XMLSignature signature, DOMValidateContext context, String bodyUri,
                                          byte[] bodyDigest) throws XMLSignatureException {
        Reference body = null;
        for (Object o : signature.getSignedInfo().getReferences()) {
            Reference reference = (Reference) o;
            if (reference.getURI().equals(bodyUri)) {
                requireStreamable(reference);
                body = reference;
            }
        }
        if (!signature.getSignatureValue().validate(context)) {
            return "the signature value does not match SignedInfo";
        }
        for (Object o : signature.getSignedInfo().getReferences()) {
            Reference reference = (Reference) o;
            if (reference != body && !reference.validate(context)) {
                return "the digest of the signed timestamp does not match";
            }
        }
        if (body == null || !MessageDigest.isEqual(body.getDigestValue(), bodyDigest)) {
            return "the digest of the body does not match";
        }
        return null;
    }

    /**
     * The body of a streamed document is digested in one way only: SHA-256 over its exclusive C14N (after an
     * optional enveloped-signature transform, which changes nothing in a body that holds no signature), with no
     * InclusiveNamespaces prefix list. Other forms are valid XML-DSig and verify when the document is read whole.
     */
    private static void requireStreamable(Reference body) {
        List<?> transforms = body.getTransforms();
        boolean profile = DigestMethod.SHA256.equals(body.getDigestMethod().getAlgorithm())
                && !transforms.isEmpty() && transforms.size() <= 2;
        for (int i = 0; profile && i < transforms.size(); i++) {
            Transform transform = (Transform) transforms.get(i);
            boolean last = i == transforms.size() - 1;
            profile = last ? CanonicalizationMethod.EXCLUSIVE.equals(transform.getAlgorithm()) && noPrefixList(transform)
                    : Transform.ENVELOPED.equals(transform.getAlgorithm());
        }
        if (!profile) {
            throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, "A document above the in-memory limit is verified "
                    + "with its body streamed, which needs the body reference digested with SHA-256 over exclusive C14N "
                    + "(optionally after enveloped-signature) without an InclusiveNamespaces prefix list");
        }
    }

    private static boolean noPrefixList(Transform transform) {
        return transform.getParameterSpec() == null
                || transform.getParameterSpec() instanceof ExcC14NParameterSpec spec && spec.getPrefixList().isEmpty();
    }

    private static String profileProblem(XMLSignature signature, Set<String> allowed, String bodyUri, String timestampUri) {
        var signedInfo = signature.getSignedInfo();
        if (!CanonicalizationMethod.EXCLUSIVE.equals(signedInfo.getCanonicalizationMethod().getAlgorithm())) {
            return "SignedInfo must use exclusive C14N";
        }
        if (!SIGNATURE_METHODS.contains(signedInfo.getSignatureMethod().getAlgorithm())) {
            return "signature method " + signedInfo.getSignatureMethod().getAlgorithm() + " is not accepted";
        }
        Set<String> covered = new HashSet<>();
        for (Object o : signedInfo.getReferences()) {
            Reference reference = (Reference) o;
            String uri = reference.getURI();
            if (uri == null || !allowed.contains(uri)) {
                return "a reference names " + abbreviate(uri) + ", neither the body nor this signature's timestamp";
            }
            if (!covered.add(uri)) {
                return "the reference to " + uri + " appears twice";
            }
            if (!DIGEST_METHODS.contains(reference.getDigestMethod().getAlgorithm())) {
                return "digest method " + reference.getDigestMethod().getAlgorithm() + " is not accepted";
            }
            for (Object t : reference.getTransforms()) {
                String algorithm = ((Transform) t).getAlgorithm();
                if (!TRANSFORMS.contains(algorithm)) {
                    return "transform " + algorithm + " is not accepted";
                }
            }
        }
        if (!covered.contains(bodyUri) || !covered.contains(timestampUri)) {
            return "the signature must cover both the body " + bodyUri + " and its timestamp " + timestampUri;
        }
        return null;
    }
}
