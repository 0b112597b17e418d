package fi.arkisto.testkit.pki;

import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.identity.PersonalIdentityCode;
import fi.arkisto.store.signature.DocumentSigner;
import fi.arkisto.store.signature.SystemSigner;
import org.bouncycastle.asn1.x500.X500Name;

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
 * A test PKI for development and deployment tests (docs/running.md, "Command-line tools"): a CA; a system certificate
 * with the organisation OID in the subject serialNumber, as the real sample's DVV certificate has; professional
 * certificates identifying persons (subject serialNumber a test personal identity code, individual number 900-999,
 * and a professional certificate policy); an expired system certificate and a revoked one listed in the CA's CRL.
 * For mutual TLS: a TLS server certificate for {@code localhost} (subject alternative names {@code localhost},
 * {@code 127.0.0.1}, {@code ::1}), and TLS client certificates of the organisation's client system (subject serialNumber
 * the organisation OID, as Kanta's service certificates carry it), one valid, one expired, one revoked in the CRL.
 * {@link #writeTo} lays it out so that {@code trust-anchors/} can be used as {@code arkisto.signature.trust-anchors},
 * {@code system.p12} as {@code arkisto.signature.system-signer.keystore}, {@code server.p12} as the server's TLS key
 * store and {@code client-trust-anchors/} as {@code arkisto.security.client-certificates.trust-anchors}.
 */
public final class TestPki {

    /** A key pair with its certificate. */
    public record Issued(String name, KeyPair keys, X509Certificate certificate) {
    }

    public static final String SYSTEM_ALIAS = "system";
    public static final String SERVER_ALIAS = "server";
    public static final String CLIENT_ALIAS = "client";
    /** The names the TLS server certificate is valid for. */
    public static final List<String> SERVER_DNS_NAMES = List.of("localhost");
    public static final List<String> SERVER_IP_ADDRESSES = List.of("127.0.0.1", "::1");

    private final Issued ca;
    private final Issued system;
    private final List<Issued> professionals;
    private final Issued expiredSystem;
    private final Issued revokedSystem;
    private final Issued server;
    private final Issued client;
    private final Issued expiredClient;
    private final Issued revokedClient;
    private final X509CRL crl;
    private final java.util.Map<String, Issued> others = new java.util.concurrent.ConcurrentHashMap<>();

    private TestPki(Issued ca, Issued system, List<Issued> professionals, Issued expiredSystem, Issued revokedSystem,
                    Issued server, Issued client, Issued expiredClient, Issued revokedClient, X509CRL crl) {
        this.ca = ca;
        this.system = system;
        this.professionals = List.copyOf(professionals);
        this.expiredSystem = expiredSystem;
        this.revokedSystem = revokedSystem;
        this.server = server;
        this.client = client;
        this.expiredClient = expiredClient;
        this.revokedClient = revokedClient;
        this.crl = crl;
    }

    /**
     * Creates the PKI for one organisation. Certificates are valid from a day before {@code now} for two years
     * (the CA for ten); the expired ones ended a year before {@code now}; the revoked ones were revoked an hour before.
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
        Issued server = tlsCertificate("server", CertificateIssuer.serverSubject(organisationName, SERVER_DNS_NAMES.get(0)),
                CertificateIssuer.Profile.SERVER_AUTH, SERVER_DNS_NAMES, SERVER_IP_ADDRESSES, from, to, ca);
        Issued client = clientCertificate("client", organisation, organisationName, "Asiakastietojärjestelmä", from, to, ca);
        Issued expiredClient = clientCertificate("expired-client", organisation, organisationName, "Vanhentunut järjestelmä",
                now.minus(Duration.ofDays(730)), now.minus(Duration.ofDays(365)), ca);
        Issued revokedClient = clientCertificate("revoked-client", organisation, organisationName, "Mitätöity järjestelmä",
                from, to, ca);
        Instant revokedAt = now.minus(Duration.ofHours(1));
        X509CRL crl = CertificateIssuer.crl(caCertificate, caKeys.getPrivate(), now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofDays(30)),
                List.of(CertificateIssuer.Revocation.keyCompromise(revoked.certificate(), revokedAt),
                        CertificateIssuer.Revocation.keyCompromise(revokedClient.certificate(), revokedAt)));
        return new TestPki(ca, system, professionals, expired, revoked, server, client, expiredClient, revokedClient, crl);
    }

    /** A TLS client certificate of the organisation's client system, issued by this PKI's CA (valid now). */
    public Issued clientCertificate(String name, Oid organisation, String organisationName, String systemName) {
        Instant now = Instant.now();
        return clientCertificate(name, organisation, organisationName, systemName, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(730)), ca);
    }

    private static Issued clientCertificate(String name, Oid organisation, String organisationName, String systemName,
                                            Instant from, Instant to, Issued ca) {
        return tlsCertificate(name, CertificateIssuer.systemSubject(organisationName, organisation.value(), systemName),
                CertificateIssuer.Profile.CLIENT_AUTH, List.of(), List.of(), from, to, ca);
    }

    private static Issued tlsCertificate(String name, X500Name subject, String purpose,
                                         List<String> dnsNames, List<String> ipAddresses, Instant from, Instant to, Issued ca) {
        KeyPair keys = CertificateIssuer.rsaKeyPair();
        X509Certificate certificate = CertificateIssuer.issue(subject, keys.getPublic(), from, to, List.of(), ca.certificate(),
                ca.keys().getPrivate(), CertificateIssuer.Profile.tls(purpose), dnsNames, ipAddresses);
        return new Issued(name, keys, certificate);
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

    public Issued server() {
        return server;
    }

    public Issued client() {
        return client;
    }

    public Issued expiredClient() {
        return expiredClient;
    }

    public Issued revokedClient() {
        return revokedClient;
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
     * Writes {@code ca.pem ca.der ca.crl}, {@code trust-anchors/{ca.pem,ca.crl}} (signatures),
     * {@code client-trust-anchors/{ca.pem,ca.crl}} (TLS client certificates), and per end entity {@code <name>.pem} and
     * {@code <name>.p12} (alias {@value #SYSTEM_ALIAS} for system certificates, {@value #SERVER_ALIAS} for the TLS server,
     * {@value #CLIENT_ALIAS} for TLS clients, the name otherwise; the chain includes the CA), all PKCS#12 files protected
     * by {@code password}.
     */
    public void writeTo(Path directory, char[] password) {
        try {
            for (String anchors : List.of("trust-anchors", "client-trust-anchors")) {
                Files.createDirectories(directory.resolve(anchors));
                Files.writeString(directory.resolve(anchors).resolve("ca.pem"), CertificateIssuer.pem(ca.certificate()));
                Files.writeString(directory.resolve(anchors).resolve("ca.crl"), CertificateIssuer.pem(crl));
            }
            Files.writeString(directory.resolve("ca.pem"), CertificateIssuer.pem(ca.certificate()));
            Files.write(directory.resolve("ca.der"), ca.certificate().getEncoded());
            Files.writeString(directory.resolve("ca.crl"), CertificateIssuer.pem(crl));
            List<Issued> entities = new ArrayList<>();
            entities.add(system);
            entities.addAll(professionals);
            entities.addAll(List.of(expiredSystem, revokedSystem, server, client, expiredClient, revokedClient));
            for (Issued entity : entities) {
                Files.writeString(directory.resolve(entity.name() + ".pem"), CertificateIssuer.pem(entity.certificate()));
                writePkcs12(directory.resolve(entity.name() + ".p12"), entity, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes one end entity's key with its chain (the entity, then the CA) as PKCS#12, under its role's alias. */
    public void writePkcs12(Path file, Issued entity, char[] password) throws IOException {
        String alias = entity.name().endsWith("system") ? SYSTEM_ALIAS
                : entity.name().equals(SERVER_ALIAS) ? SERVER_ALIAS
                : entity.name().endsWith(CLIENT_ALIAS) ? CLIENT_ALIAS : entity.name();
        try (OutputStream out = Files.newOutputStream(file)) {
            CertificateIssuer.writePkcs12(out, alias, entity.keys().getPrivate(), List.of(entity.certificate(), ca.certificate()), password);
        }
    }
}
