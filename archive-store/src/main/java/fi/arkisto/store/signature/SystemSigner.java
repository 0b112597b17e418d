package fi.arkisto.store.signature;

import fi.arkisto.store.document.SignatureType;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

/**
 * The archive's own system signature (signature type 3) with the organisation's system certificate, so legacy
 * documents and generated test data are signed as a client information system signs them (docs/trust.md, "System
 * signing"). The certificate must carry the organisation OID in its subject serialNumber. Thread-safe.
 */
public final class SystemSigner {

    private final DocumentSigner signer;

    public SystemSigner(PrivateKey key, X509Certificate certificate, Clock clock) {
        this.signer = new DocumentSigner(key, certificate, SignatureType.SYSTEM, clock);
    }

    private SystemSigner(DocumentSigner signer) {
        this.signer = signer;
    }

    /** From the PKCS#12 of {@code arkisto.signature.system-signer}, password given by the caller (read from the environment). */
    public static SystemSigner fromPkcs12(Path keystore, char[] password, String alias, Clock clock) {
        return new SystemSigner(DocumentSigner.fromPkcs12(keystore, password, alias, SignatureType.SYSTEM, clock));
    }

    public byte[] sign(byte[] unsignedCda) {
        return signer.sign(unsignedCda);
    }

    /** With a given signing time, e.g. one derived from a legacy row so a restart yields the same bytes. */
    public byte[] sign(byte[] unsignedCda, Instant signingTime) {
        return signer.sign(unsignedCda, signingTime);
    }

    /**
     * Signs a document file into another file in constant memory for any size up to 4 GiB (see
     * {@link DocumentSigner#sign(Path, Path, Instant)}); the legacy migration's path for large files.
     */
    public void sign(Path unsignedCda, Path signedCda, Instant signingTime) {
        signer.sign(unsignedCda, signedCda, signingTime);
    }

    public X509Certificate certificate() {
        return signer.certificate();
    }
}
