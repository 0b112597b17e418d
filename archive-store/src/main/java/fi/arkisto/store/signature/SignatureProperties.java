package fi.arkisto.store.signature;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Configuration of signature verification and system signing ({@code arkisto.signature.*}).
 * Seed 000/002: "all documents sent to the archive must be signed with either type of electronic
 * signature"; decisions and statements need a professional's signature. Which document types need
 * one is this table, not code.
 *
 * @param enabled              whether {@link SignatureVerifier} runs as an archiving-stage check
 * @param trustAnchors         directory of trust anchors: PEM or DER certificates ({@code .pem .crt .cer .der});
 *                             a leaf certificate placed there is trusted as pinned; CRLs ({@code .crl}, PEM or DER)
 *                             in the same directory are applied. Absent: nothing is trusted.
 * @param clockSkew            how far a signing time may lie ahead of the archive's clock
 * @param professionalRequired document types that need a valid PROFESSIONAL signature
 * @param certificatePolicies  optional policy OIDs a certificate of each class must carry
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
        @NotNull @Valid @DefaultValue ProfessionalRequired professionalRequired,
        @NotNull @Valid @DefaultValue CertificatePolicies certificatePolicies,
        @Valid SystemSignerKeystore systemSigner,
        @NotNull @DefaultValue("PT1M") Duration trustAnchorsReloadInterval) {

    @ConstructorBinding
    public SignatureProperties {
        if (trustAnchorsReloadInterval == null) {
            trustAnchorsReloadInterval = Duration.ofMinutes(1);
        }
        if (trustAnchorsReloadInterval.isNegative()) {
            throw new IllegalArgumentException("arkisto.signature.trust-anchors-reload-interval must not be negative");
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofMinutes(5);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("arkisto.signature.clock-skew must not be negative");
        }
        if (professionalRequired == null) {
            professionalRequired = ProfessionalRequired.defaults();
        }
        if (certificatePolicies == null) {
            certificatePolicies = new CertificatePolicies(List.of(), List.of());
        }
    }

    /** The properties with the default re-reading of the trust anchors (every minute). */
    public SignatureProperties(boolean enabled, Path trustAnchors, Duration clockSkew, ProfessionalRequired professionalRequired,
                               CertificatePolicies certificatePolicies, SystemSignerKeystore systemSigner) {
        this(enabled, trustAnchors, clockSkew, professionalRequired, certificatePolicies, systemSigner, Duration.ofMinutes(1));
    }

    /** Verification against the given anchors with the default rule table, e.g. for tests and tools. */
    public static SignatureProperties withTrustAnchors(Path trustAnchors) {
        return new SignatureProperties(true, trustAnchors, Duration.ofMinutes(5), ProfessionalRequired.defaults(),
                new CertificatePolicies(List.of(), List.of()), null, Duration.ofMinutes(1));
    }

    /**
     * The rule table: a document needs a valid professional signature when its general document type
     * ({@code code}, 1.2.246.537.6.1506.201701), its specific document type ({@code hl7fi:specificDocumentType})
     * or its document group ({@code hl7fi:documentGroup}, 1.2.246.537.6.1505.201601) is listed.
     * The defaults name decisions (general type 1, päätös) and statements (2, lausunto), the codes the test data
     * generator writes (seed 000: "all decisions and statements").
     */
    public record ProfessionalRequired(
            @DefaultValue({"1", "2"}) List<@NotBlank String> generalDocumentTypes,
            @DefaultValue List<@NotBlank String> specificDocumentTypes,
            @DefaultValue List<@NotBlank String> documentGroups) {

        public ProfessionalRequired {
            generalDocumentTypes = generalDocumentTypes == null ? List.of() : List.copyOf(generalDocumentTypes);
            specificDocumentTypes = specificDocumentTypes == null ? List.of() : List.copyOf(specificDocumentTypes);
            documentGroups = documentGroups == null ? List.of() : List.copyOf(documentGroups);
        }

        public static ProfessionalRequired defaults() {
            return new ProfessionalRequired(List.of("1", "2"), List.of(), List.of());
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
     * The system certificate: a PKCS#12 file, the key alias, and the name of the environment variable
     * holding its password (the password itself never sits in configuration files).
     */
    public record SystemSignerKeystore(@NotNull Path keystore,
                                       @NotBlank @DefaultValue("ARKISTO_SYSTEM_SIGNER_PASSWORD") String passwordEnv,
                                       String alias) {
    }
}
