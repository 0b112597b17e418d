package fi.arkisto.store.signature;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Configuration of signature verification and system signing ({@code arkisto.signature.*}); what each setting
 * checks and why is in docs/trust.md. Seed 000/002: "all documents sent to the archive must be signed with either
 * type of electronic signature"; decisions and statements need a professional's signature. Which document types need
 * one is this table, not code.
 *
 * @param enabled              whether {@link SignatureVerifier} runs as an archiving-stage check
 * @param trustAnchors         directory of trust anchors: PEM or DER certificates ({@code .pem .crt .cer .der});
 *                             a leaf certificate placed there is trusted as pinned; CRLs ({@code .crl}, PEM or DER)
 *                             in the same directory are applied. Absent: nothing is trusted.
 * @param clockSkew            how far a signing time may lie ahead of the document's arrival
 * @param arrivalWindow        for documents arriving through an online channel: how long before its arrival a
 *                             document may claim to have been signed when its certificate is no longer valid at the
 *                             arrival (the signing time is the signer's own claim; this bounds how far it can
 *                             shelter an expired certificate). The legacy migration, which signs itself, is exempt.
 * @param professionalRequired document types that need a valid PROFESSIONAL signature
 * @param certificatePolicies  optional policy OIDs a certificate of each class must carry
 * @param strength             the weakest keys and algorithms, and the key usages, a signing path may have
 * @param producers            organisations whose system signature counts for named controllers' registers (IT
 *                             service providers producing documents for an organiser)
 * @param systemSigner         the PKCS#12 system certificate the archive signs with; absent: no {@link SystemSigner}
 * @param trustAnchorsReloadInterval how often the trust anchor directory is re-read while the archive runs (a changed
 *                             directory takes effect without a restart); zero: read at start only
 */
@Validated
@ConfigurationProperties("arkisto.signature")
public record SignatureProperties(
        @DefaultValue("true") boolean enabled,
        Path trustAnchors,
        @NotNull @DefaultValue("PT5M") Duration clockSkew,
        @NotNull @DefaultValue("P7D") Duration arrivalWindow,
        @NotNull @Valid @DefaultValue ProfessionalRequired professionalRequired,
        @NotNull @Valid @DefaultValue CertificatePolicies certificatePolicies,
        @NotNull @Valid @DefaultValue Strength strength,
        @NotNull @Valid @DefaultValue List<@Valid Producer> producers,
        @Valid SystemSignerKeystore systemSigner,
        @NotNull @DefaultValue("PT1M") Duration trustAnchorsReloadInterval) {

    @ConstructorBinding
    public SignatureProperties {
        clockSkew = clockSkew == null ? Duration.ofMinutes(5) : clockSkew;
        arrivalWindow = arrivalWindow == null ? Duration.ofDays(7) : arrivalWindow;
        trustAnchorsReloadInterval = trustAnchorsReloadInterval == null ? Duration.ofMinutes(1) : trustAnchorsReloadInterval;
        if (trustAnchorsReloadInterval.isNegative()) {
            throw new IllegalArgumentException("arkisto.signature.trust-anchors-reload-interval must not be negative");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("arkisto.signature.clock-skew must not be negative");
        }
        if (arrivalWindow.isNegative()) {
            throw new IllegalArgumentException("arkisto.signature.arrival-window must not be negative");
        }
        professionalRequired = professionalRequired == null ? ProfessionalRequired.defaults() : professionalRequired;
        certificatePolicies = certificatePolicies == null ? new CertificatePolicies(List.of(), List.of()) : certificatePolicies;
        strength = strength == null ? Strength.defaults() : strength;
        producers = producers == null ? List.of() : List.copyOf(producers);
    }

    /** Verification against the given anchors with every default, e.g. for tests and tools. */
    public static SignatureProperties withTrustAnchors(Path trustAnchors) {
        return new SignatureProperties(true, trustAnchors, null, null, null, null, null, null, null, null);
    }

    /** These properties with another professional-signature table. */
    public SignatureProperties withProfessionalRequired(ProfessionalRequired table) {
        return new SignatureProperties(enabled, trustAnchors, clockSkew, arrivalWindow, table, certificatePolicies,
                strength, producers, systemSigner, trustAnchorsReloadInterval);
    }

    /** These properties with other certificate policy requirements. */
    public SignatureProperties withCertificatePolicies(CertificatePolicies policies) {
        return new SignatureProperties(enabled, trustAnchors, clockSkew, arrivalWindow, professionalRequired, policies,
                strength, producers, systemSigner, trustAnchorsReloadInterval);
    }

    /** These properties with another arrival window. */
    public SignatureProperties withArrivalWindow(Duration window) {
        return new SignatureProperties(enabled, trustAnchors, clockSkew, window, professionalRequired, certificatePolicies,
                strength, producers, systemSigner, trustAnchorsReloadInterval);
    }

    /** These properties with other strength requirements. */
    public SignatureProperties withStrength(Strength requirements) {
        return new SignatureProperties(enabled, trustAnchors, clockSkew, arrivalWindow, professionalRequired,
                certificatePolicies, requirements, producers, systemSigner, trustAnchorsReloadInterval);
    }

    /** These properties with other producers. */
    public SignatureProperties withProducers(List<Producer> acting) {
        return new SignatureProperties(enabled, trustAnchors, clockSkew, arrivalWindow, professionalRequired,
                certificatePolicies, strength, acting, systemSigner, trustAnchorsReloadInterval);
    }

    /**
     * The rule table: a document needs a valid professional signature when its general document type
     * ({@code code}, 1.2.246.537.6.1506.201701), its specific document type ({@code hl7fi:specificDocumentType})
     * or its document group ({@code hl7fi:documentGroup}, 1.2.246.537.6.1505.201601) is listed. These header fields
     * are not signed: for a structured document the structure check holds them to the structure of the signed
     * structured form ({@code structures/document-types.json}); an unstructured document states its type in no signed
     * part, so {@code unstructuredDocuments} lets an operator require a professional signature on every unstructured
     * document that arrives online.
     * The defaults name decisions (general type 1, päätös) and statements (2, lausunto), the codes the test data
     * generator writes (kanta.fi, "Phase 2 functionalities in social welfare services": "all decisions and statements").
     */
    public record ProfessionalRequired(
            @DefaultValue({"1", "2"}) List<@NotBlank String> generalDocumentTypes,
            @DefaultValue List<@NotBlank String> specificDocumentTypes,
            @DefaultValue List<@NotBlank String> documentGroups,
            @DefaultValue("false") boolean unstructuredDocuments) {

        public ProfessionalRequired {
            generalDocumentTypes = generalDocumentTypes == null ? List.of() : List.copyOf(generalDocumentTypes);
            specificDocumentTypes = specificDocumentTypes == null ? List.of() : List.copyOf(specificDocumentTypes);
            documentGroups = documentGroups == null ? List.of() : List.copyOf(documentGroups);
        }

        public static ProfessionalRequired defaults() {
            return new ProfessionalRequired(List.of("1", "2"), List.of(), List.of(), false);
        }
    }

    /**
     * Optional certificate policy requirements. When a list is not empty, a certificate classified into
     * that class must carry at least one of the listed policy OIDs (e.g. the DVV professional card policies).
     */
    public record CertificatePolicies(@DefaultValue List<@NotBlank String> professional,
                                      @DefaultValue List<@NotBlank String> system) {

        public CertificatePolicies {
            professional = professional == null ? List.of() : List.copyOf(professional);
            system = system == null ? List.of() : List.copyOf(system);
        }
    }

    /**
     * What a signing path must be made of ({@code arkisto.signature.strength.*}).
     *
     * @param minimumRsaKeyBits       shortest RSA (and DSA) modulus of any certificate of the path, trust anchor included
     * @param minimumEcKeyBits        shortest elliptic-curve key of any certificate of the path
     * @param weakDigests             digest algorithms refused in the XML signature and in the signature of every
     *                                certificate of the path but the trust anchor's own (names as in {@code SHA-1},
     *                                {@code SHA1}, {@code MD5}; case and hyphens do not matter)
     * @param signingExtendedKeyUsages when the signing certificate carries an extended key usage, one of these purposes
     *                                (OIDs) must be among them; its key usage, when present, must allow digital
     *                                signatures or non-repudiation
     */
    public record Strength(@Min(1024) @DefaultValue("2048") int minimumRsaKeyBits,
                           @Min(160) @DefaultValue("256") int minimumEcKeyBits,
                           @DefaultValue({"MD2", "MD5", "SHA-1"}) List<@NotBlank String> weakDigests,
                           @NotEmpty @DefaultValue({ANY_EXTENDED_KEY_USAGE, CLIENT_AUTH, EMAIL_PROTECTION, DOCUMENT_SIGNING,
                                   MICROSOFT_DOCUMENT_SIGNING, ADOBE_AUTHENTIC_DOCUMENTS})
                           List<@NotBlank String> signingExtendedKeyUsages) {

        /** anyExtendedKeyUsage (RFC 5280 4.2.1.12). */
        public static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
        /** id-kp-clientAuth: DVV service certificates that sign Kanta documents also authenticate the system's TLS. */
        public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
        /** id-kp-emailProtection: the signing purpose of personal (card) certificates. */
        public static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
        /** id-kp-documentSigning (RFC 9336). */
        public static final String DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36";
        public static final String MICROSOFT_DOCUMENT_SIGNING = "1.3.6.1.4.1.311.10.3.12";
        public static final String ADOBE_AUTHENTIC_DOCUMENTS = "1.2.840.113583.1.1.5";

        public Strength {
            weakDigests = weakDigests == null ? List.of("MD2", "MD5", "SHA-1") : List.copyOf(weakDigests);
            signingExtendedKeyUsages = signingExtendedKeyUsages == null || signingExtendedKeyUsages.isEmpty()
                    ? List.of(ANY_EXTENDED_KEY_USAGE, CLIENT_AUTH, EMAIL_PROTECTION, DOCUMENT_SIGNING,
                    MICROSOFT_DOCUMENT_SIGNING, ADOBE_AUTHENTIC_DOCUMENTS)
                    : List.copyOf(signingExtendedKeyUsages);
        }

        public static Strength defaults() {
            return new Strength(2048, 256, null, null);
        }
    }

    /**
     * An organisation whose system certificate may sign documents for the registers of the named controllers, e.g.
     * an IT service provider producing the documents of the organisers it serves.
     *
     * @param organisation the producer's organisation OID (the subject serialNumber of its system certificate)
     * @param name         a name for the evidence and the logs
     * @param actsFor      the controllers (custodian organisation OIDs) it produces documents for
     */
    public record Producer(@NotBlank String organisation, String name, @NotEmpty List<@NotBlank String> actsFor) {

        public Producer {
            actsFor = actsFor == null ? List.of() : List.copyOf(actsFor);
        }
    }

    /**
     * The system certificate: a PKCS#12 file, the key alias, and the name of the environment variable
     * holding its password (the password itself never sits in configuration files).
     */
    public record SystemSignerKeystore(@NotNull Path keystore,
                                       @NotBlank @DefaultValue("ARKISTO_SYSTEM_SIGNER_PASSWORD") String passwordEnv,
                                       String alias) {
    }
}
