package fi.arkisto.store.signature;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.testkit.pki.CertificateIssuer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real certificates, keys and documents for the signature tests: a test CA built with {@link CertificateIssuer},
 * the real Kanta sample and unsigned variants of it. Keys are generated once per test JVM (RSA key generation is
 * the slow part).
 */
final class SigningFixtures {

    static final String ORGANISATION_OID = "1.2.246.10.32213561.10.0";
    /** "Now" for the tests: after the sample certificate expired (2026-10-09), as in real life today. */
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant SIGNED_AT = Instant.parse("2026-11-22T11:00:00.123Z");
    static final Instant VALID_FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant VALID_TO = Instant.parse("2030-01-01T00:00:00Z");

    static final class Pki {
        final KeyPair caKeys = CertificateIssuer.rsaKeyPair();
        final X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.caSubject("Arkisto TEST Signing CA"), caKeys,
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"));
        final KeyPair systemKeys = CertificateIssuer.rsaKeyPair();
        final X509Certificate system = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Testin hyvinvointialue", ORGANISATION_OID, "Asiakastietojärjestelmä"),
                systemKeys.getPublic(), VALID_FROM, VALID_TO, List.of(CertificateIssuer.TEST_SYSTEM_POLICY), ca, caKeys.getPrivate());
        final KeyPair professionalKeys = CertificateIssuer.rsaKeyPair();
        final X509Certificate professional = CertificateIssuer.issueSigning(
                CertificateIssuer.professionalSubject("Sanna", "Sosiaalityöntekijä", "99900123K"),
                professionalKeys.getPublic(), VALID_FROM, VALID_TO, List.of(CertificateIssuer.TEST_PROFESSIONAL_POLICY), ca, caKeys.getPrivate());
        final X509Certificate expiredSystem = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Testin hyvinvointialue", ORGANISATION_OID, "Vanha järjestelmä"),
                systemKeys.getPublic(), Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"),
                List.of(CertificateIssuer.TEST_SYSTEM_POLICY), ca, caKeys.getPrivate());
        final X509Certificate revokedSystem = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Testin hyvinvointialue", ORGANISATION_OID, "Vuotanut järjestelmä"),
                systemKeys.getPublic(), VALID_FROM, VALID_TO, List.of(CertificateIssuer.TEST_SYSTEM_POLICY), ca, caKeys.getPrivate());
        final X509CRL crl = CertificateIssuer.crl(ca, caKeys.getPrivate(), Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"),
                List.of(CertificateIssuer.Revocation.keyCompromise(revokedSystem, Instant.parse("2026-10-01T00:00:00Z"))));
        final KeyPair ecKeys = CertificateIssuer.ecKeyPair();
        final X509Certificate ecSystem = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Testin hyvinvointialue", ORGANISATION_OID, "EC-järjestelmä"),
                ecKeys.getPublic(), VALID_FROM, VALID_TO, List.of(CertificateIssuer.TEST_SYSTEM_POLICY), ca, caKeys.getPrivate());
        final KeyPair strangerCaKeys = CertificateIssuer.rsaKeyPair();
        final X509Certificate strangerCa = CertificateIssuer.selfSignedCa(CertificateIssuer.caSubject("Someone Else's CA"), strangerCaKeys,
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"));
        final X509Certificate strangerSystem = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Testin hyvinvointialue", ORGANISATION_OID, "Asiakastietojärjestelmä"),
                systemKeys.getPublic(), VALID_FROM, VALID_TO, List.of(), strangerCa, strangerCaKeys.getPrivate());

        DocumentSigner systemSigner() {
            return new DocumentSigner(systemKeys.getPrivate(), system, SignatureType.SYSTEM, CLOCK);
        }

        DocumentSigner professionalSigner() {
            return new DocumentSigner(professionalKeys.getPrivate(), professional, SignatureType.PROFESSIONAL, CLOCK);
        }

        TrustAnchors anchors() {
            return TrustAnchors.of(List.of(ca), List.of());
        }
    }

    private static Pki pki;

    static synchronized Pki pki() {
        if (pki == null) {
            pki = new Pki();
        }
        return pki;
    }

    private SigningFixtures() {
    }

    static byte[] sample() {
        try (InputStream in = SigningFixtures.class.getResourceAsStream("/kanta/asiakkuusasiakirja_S.xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sampleText() {
        return new String(sample(), StandardCharsets.UTF_8);
    }

    static X509Certificate sampleCertificate() {
        Matcher matcher = Pattern.compile("<X509Certificate>([^<]+)</X509Certificate>").matcher(sampleText());
        if (!matcher.find()) {
            throw new IllegalStateException("The sample carries no certificate");
        }
        try {
            return (X509Certificate) TrustAnchors.x509().generateCertificate(
                    new ByteArrayInputStream(Base64.getMimeDecoder().decode(matcher.group(1))));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample with its signature collection and body ID removed: what a system hands over for signing. */
    static String unsignedSampleText() {
        return sampleText()
                .replaceAll("(?s)<signatureCollection xmlns=\"urn:hl7finland\">.*</signatureCollection>", "")
                .replace("<nonXMLBody ID=\"OID1.2.246.10.32213561.95777.2026.688883.2809773\">", "<nonXMLBody>");
    }

    static byte[] unsignedSample() {
        return unsignedSampleText().getBytes(StandardCharsets.UTF_8);
    }

    /** The unsigned sample turned into a decision (general document type 1). */
    static byte[] unsignedDecision() {
        return unsignedSampleText()
                .replace("<code nullFlavor=\"NA\"/>", "<code code=\"1\" codeSystem=\"1.2.246.537.6.1506.201701\" displayName=\"Päätös\"/>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static ParsedDocument parse(byte[] xml) {
        return new CdaParser().parse(xml);
    }

    static String text(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A verifier over the anchors in force in {@code directory}, judging the real sample as if it had just been signed:
     * its certificate expired after it signed, which the arrival window would refuse today (that rule has its own tests).
     */
    static SignatureVerifier sampleVerifier(TrustAnchorDirectory directory) {
        SignatureProperties properties = SignatureProperties.withTrustAnchors(null).withArrivalWindow(java.time.Duration.ofDays(3650));
        return new SignatureVerifier(properties, directory, SignatureVerifier.producers(properties), CLOCK);
    }
}
