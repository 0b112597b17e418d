package fi.arkisto.testkit.pki;

import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.identity.PersonalIdentityCode;
import fi.arkisto.store.signature.DocumentSigner;
import fi.arkisto.store.signature.SystemSigner;
import fi.arkisto.store.signature.pki.CertificateIssuer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A test PKI for development and deployment tests (issue 3, "A test PKI command"): a CA; a system certificate
 * with the organisation OID in the subject serialNumber, as the real sample's DVV certificate has; professional
 * certificates identifying persons (subject serialNumber a test personal identity code, individual number 900-999,
 * and a professional certificate policy); an expired system certificate and a revoked one listed in the CA's CRL.
 * {@link #writeTo} lays it out so that {@code trust-anchors/} can be used as {@code arkisto.signature.trust-anchors}
 * and {@code system.p12} as {@code arkisto.signature.system-signer.keystore}.
 */
public final class TestPki {

    /** A key pair with its certificate. */
    public record Issued(String name, KeyPair keys, X509Certificate certificate) {
    }

    public static final String SYSTEM_ALIAS = "system";

    private final Issued ca;
    private final Issued system;
    private final List<Issued> professionals;
    private final Issued expiredSystem;
    private final Issued revokedSystem;
    private final X509CRL crl;
    private final java.util.Map<String, Issued> others = new java.util.concurrent.ConcurrentHashMap<>();

    private TestPki(Issued ca, Issued system, List<Issued> professionals, Issued expiredSystem, Issued revokedSystem, X509CRL crl) {
        this.ca = ca;
        this.system = system;
        this.professionals = List.copyOf(professionals);
        this.expiredSystem = expiredSystem;
        this.revokedSystem = revokedSystem;
        this.crl = crl;
    }

    /**
     * Creates the PKI for one organisation. Certificates are valid from a day before {@code now} for two years
     * (the CA for ten); the expired one ended a year before {@code now}; the revoked one was revoked an hour before.
     */
    public static TestPki create(Oid organisation, String organisationName, int professionalCount, Instant now) {
        Instant from = now.minus(Duration.ofDays(1));
        Instant to = now.plus(Duration.ofDays(730));
        KeyPair caKeys = CertificateIssuer.rsaKeyPair();
        X509Certificate caCertificate = CertificateIssuer.selfSignedCa(
                CertificateIssuer.caSubject("Arkisto TEST CA for " + organisationName), caKeys, from, now.plus(Duration.ofDays(3650)));
        Issued ca = new Issued("ca", caKeys, caCertificate);

        Issued system = systemCertificate("system", organisation, organisationName, "Asiakastietojärjestelmä", from, to, ca);
        List<Issued> professionals = new ArrayList<>();
        for (int i = 1; i <= professionalCount; i++) {
            KeyPair keys = CertificateIssuer.rsaKeyPair();
            X509Certificate certificate = CertificateIssuer.issueSigning(
                    CertificateIssuer.professionalSubject(GIVEN_NAMES.get((i - 1) % GIVEN_NAMES.size()), "Testiammattilainen", testIdentityCode(i)),
                    keys.getPublic(), from, to, List.of(CertificateIssuer.TEST_PROFESSIONAL_POLICY), caCertificate, caKeys.getPrivate());
            professionals.add(new Issued("professional-" + i, keys, certificate));
        }
        Issued expired = systemCertificate("expired-system", organisation, organisationName, "Vanhentunut järjestelmä",
                now.minus(Duration.ofDays(730)), now.minus(Duration.ofDays(365)), ca);
        Issued revoked = systemCertificate("revoked-system", organisation, organisationName, "Mitätöity järjestelmä", from, to, ca);
        X509CRL crl = CertificateIssuer.crl(caCertificate, caKeys.getPrivate(), now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofDays(30)),
                List.of(CertificateIssuer.Revocation.keyCompromise(revoked.certificate(), now.minus(Duration.ofHours(1)))));
        return new TestPki(ca, system, professionals, expired, revoked, crl);
    }

    private static final List<String> GIVEN_NAMES = List.of("Sanna", "Mikko", "Aino", "Juha", "Liisa");

    /** A valid test personal identity code (individual number 900-999) for professional {@code i}. */
    static String testIdentityCode(int i) {
        String nineDigits = String.format("%02d%02d%02d%03d", 1 + (i % 28), 1 + (i % 12), 70 + (i % 20), 900 + (i % 100));
        return nineDigits.substring(0, 6) + "-" + nineDigits.substring(6) + PersonalIdentityCode.checkCharacterFor(nineDigits);
    }

    private static Issued systemCertificate(String name, Oid organisation, String organisationName, String systemName,
                                            Instant from, Instant to, Issued ca) {
        KeyPair keys = CertificateIssuer.rsaKeyPair();
        X509Certificate certificate = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject(organisationName, organisation.value(), systemName),
                keys.getPublic(), from, to, List.of(CertificateIssuer.TEST_SYSTEM_POLICY), ca.certificate(), ca.keys().getPrivate());
        return new Issued(name, keys, certificate);
    }

    public Issued ca() {
        return ca;
    }

    public Issued system() {
        return system;
    }

    public List<Issued> professionals() {
        return professionals;
    }

    public Issued expiredSystem() {
        return expiredSystem;
    }

    public Issued revokedSystem() {
        return revokedSystem;
    }

    public X509CRL crl() {
        return crl;
    }

    public SystemSigner systemSigner(Clock clock) {
        return new SystemSigner(system.keys().getPrivate(), system.certificate(), clock);
    }

    /**
     * The system signature of another organisation's client information system, certified by this PKI's CA (so the
     * same trust anchors hold it): for tests and demos where several organisations archive, each signing as itself.
     * One certificate per organisation, issued on first use, valid like this PKI's own system certificate.
     */
    public SystemSigner systemSignerFor(Oid organisation, String organisationName, Clock clock) {
        Issued issued = others.computeIfAbsent(organisation.value(), oid -> systemCertificate("system-" + oid,
                organisation, organisationName, "Asiakastietojärjestelmä", system.certificate().getNotBefore().toInstant(),
                system.certificate().getNotAfter().toInstant(), ca));
        return new SystemSigner(issued.keys().getPrivate(), issued.certificate(), clock);
    }

    public DocumentSigner professionalSigner(int index, Clock clock) {
        Issued professional = professionals.get(index);
        return new DocumentSigner(professional.keys().getPrivate(), professional.certificate(), SignatureType.PROFESSIONAL, clock);
    }

    /**
     * Writes {@code ca.pem ca.der ca.crl}, {@code trust-anchors/{ca.pem,ca.crl}}, and per end entity
     * {@code <name>.pem} and {@code <name>.p12} (alias {@value #SYSTEM_ALIAS} for system certificates, the name otherwise;
     * the chain includes the CA), all PKCS#12 files protected by {@code password}.
     */
    public void writeTo(Path directory, char[] password) {
        try {
            Files.createDirectories(directory.resolve("trust-anchors"));
            Files.writeString(directory.resolve("ca.pem"), CertificateIssuer.pem(ca.certificate()));
            Files.write(directory.resolve("ca.der"), ca.certificate().getEncoded());
            Files.writeString(directory.resolve("ca.crl"), CertificateIssuer.pem(crl));
            Files.writeString(directory.resolve("trust-anchors/ca.pem"), CertificateIssuer.pem(ca.certificate()));
            Files.writeString(directory.resolve("trust-anchors/ca.crl"), CertificateIssuer.pem(crl));
            List<Issued> entities = new ArrayList<>();
            entities.add(system);
            entities.addAll(professionals);
            entities.add(expiredSystem);
            entities.add(revokedSystem);
            for (Issued entity : entities) {
                Files.writeString(directory.resolve(entity.name() + ".pem"), CertificateIssuer.pem(entity.certificate()));
                String alias = entity.name().endsWith("system") ? SYSTEM_ALIAS : entity.name();
                try (OutputStream out = Files.newOutputStream(directory.resolve(entity.name() + ".p12"))) {
                    CertificateIssuer.writePkcs12(out, alias, entity.keys().getPrivate(), List.of(entity.certificate(), ca.certificate()), password);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
