package fi.arkisto.store.signature;

import fi.arkisto.store.access.ActingOrganisations;
import fi.arkisto.store.access.ActingRelation;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code arkisto.signature.*} configuration binds, validates and switches the beans. */
class SignatureConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SignatureConfiguration.class);

    @Test
    void verifierIsOnByDefaultWithDecisionsAndStatementsNeedingAProfessional() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SignatureVerifier.class).doesNotHaveBean(SystemSigner.class);
            SignatureProperties properties = context.getBean(SignatureProperties.class);
            assertThat(properties.clockSkew()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.professionalRequired().generalDocumentTypes()).containsExactly("1", "2");
            assertThat(properties.professionalRequired().documentGroups()).isEmpty();
        });
    }

    @Test
    void theTrustSettingsHaveSafeDefaults() {
        runner.run(context -> {
            SignatureProperties properties = context.getBean(SignatureProperties.class);
            assertThat(properties.arrivalWindow()).isEqualTo(Duration.ofDays(7));
            assertThat(properties.strength().minimumRsaKeyBits()).isEqualTo(2048);
            assertThat(properties.strength().minimumEcKeyBits()).isEqualTo(256);
            assertThat(properties.strength().weakDigests()).containsExactly("MD2", "MD5", "SHA-1");
            assertThat(properties.strength().signingExtendedKeyUsages()).contains(SignatureProperties.Strength.ANY_EXTENDED_KEY_USAGE)
                    .doesNotContain(CertificateIssuer.Profile.SERVER_AUTH);
            assertThat(properties.producers()).isEmpty();
            assertThat(properties.professionalRequired().unstructuredDocuments()).isFalse();
            assertThat(context.getBean(ActingOrganisations.class).relation("1.2.246.10.1.10.0", "1.2.246.10.2.10.0", Instant.now()))
                    .isEmpty();
        });
    }

    @Test
    void strengthWindowAndProducersComeFromConfiguration() {
        runner.withPropertyValues(
                        "arkisto.signature.arrival-window=P30D",
                        "arkisto.signature.strength.minimum-rsa-key-bits=3072",
                        "arkisto.signature.strength.minimum-ec-key-bits=384",
                        "arkisto.signature.strength.weak-digests=MD5,SHA-1,SHA-224",
                        "arkisto.signature.strength.signing-extended-key-usages=1.3.6.1.5.5.7.3.36",
                        "arkisto.signature.producers[0].organisation=1.2.246.10.11112222.10.0",
                        "arkisto.signature.producers[0].name=Tietopalvelu Oy",
                        "arkisto.signature.producers[0].acts-for=1.2.246.10.32213561.10.0,1.2.246.10.1246109.10.0",
                        "arkisto.signature.professional-required.unstructured-documents=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SignatureProperties properties = context.getBean(SignatureProperties.class);
                    assertThat(properties.arrivalWindow()).isEqualTo(Duration.ofDays(30));
                    assertThat(properties.strength().minimumRsaKeyBits()).isEqualTo(3072);
                    assertThat(properties.strength().minimumEcKeyBits()).isEqualTo(384);
                    assertThat(properties.strength().weakDigests()).containsExactly("MD5", "SHA-1", "SHA-224");
                    assertThat(properties.strength().signingExtendedKeyUsages()).containsExactly("1.3.6.1.5.5.7.3.36");
                    assertThat(properties.professionalRequired().unstructuredDocuments()).isTrue();
                    ActingOrganisations acting = context.getBean(ActingOrganisations.class);
                    assertThat(acting.relation("1.2.246.10.11112222.10.0", "1.2.246.10.1246109.10.0", Instant.now()))
                            .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(ActingRelation.Kind.PRODUCER));
                    assertThat(acting.relation("1.2.246.10.11112222.10.0", "1.2.246.10.99999999.10.0", Instant.now())).isEmpty();
                });
    }

    @Test
    void aProducerActingForNoOneOrAKeyBelow1024BitsIsAConfigurationError() {
        runner.withPropertyValues("arkisto.signature.producers[0].organisation=1.2.246.10.11112222.10.0")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("arkisto.signature.strength.minimum-rsa-key-bits=512")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("arkisto.signature.arrival-window=-P1D")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void verifierCanBeSwitchedOff() {
        runner.withPropertyValues("arkisto.signature.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SignatureVerifier.class));
    }

    @Test
    void ruleTableAnchorsAndSystemSignerComeFromConfiguration(@TempDir Path dir) throws Exception {
        // given an anchor directory and a PKCS#12 system key whose password is in the environment
        SigningFixtures.Pki pki = SigningFixtures.pki();
        Path anchors = Files.createDirectory(dir.resolve("anchors"));
        Files.writeString(anchors.resolve("ca.pem"), CertificateIssuer.pem(pki.ca));
        Path p12 = dir.resolve("system.p12");
        try (var out = Files.newOutputStream(p12)) {
            CertificateIssuer.writePkcs12(out, "system", pki.systemKeys.getPrivate(), List.of(pki.system), "pw".toCharArray());
        }

        runner.withPropertyValues(
                        "arkisto.signature.trust-anchors=" + anchors,
                        "arkisto.signature.clock-skew=PT1M",
                        "arkisto.signature.professional-required.general-document-types=1,2,7",
                        "arkisto.signature.professional-required.document-groups=3",
                        "arkisto.signature.system-signer.keystore=" + p12,
                        "arkisto.signature.system-signer.password-env=TEST_SIGNER_PASSWORD",
                        "TEST_SIGNER_PASSWORD=pw")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SystemSigner.class);
                    SignatureProperties properties = context.getBean(SignatureProperties.class);
                    assertThat(properties.professionalRequired().generalDocumentTypes()).containsExactly("1", "2", "7");
                    assertThat(properties.professionalRequired().documentGroups()).containsExactly("3");
                    assertThat(context.getBean(SystemSigner.class).certificate()).isEqualTo(pki.system);
                });
    }

    @Test
    void missingSignerPasswordFailsAtStartup(@TempDir Path dir) {
        runner.withPropertyValues("arkisto.signature.system-signer.keystore=" + dir.resolve("system.p12"),
                        "arkisto.signature.system-signer.password-env=ARKISTO_TEST_UNSET_VARIABLE_4711")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void trustAnchorDirectoryThatDoesNotExistFailsAtStartup(@TempDir Path dir) {
        runner.withPropertyValues("arkisto.signature.trust-anchors=" + dir.resolve("missing"))
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void negativeClockSkewIsRefused() {
        runner.withPropertyValues("arkisto.signature.clock-skew=-PT1M")
                .run(context -> assertThat(context).hasFailed());
    }
}
