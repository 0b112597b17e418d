package fi.arkisto.testkit.generator;

import fi.arkisto.store.identity.Oid;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What to generate: how many documents, from which seed (same seed, same documents byte for byte before signing),
 * for which organisation (the controller, an OID of the form {@code 1.2.246.10.<business id>.10.0}) and its
 * outsourced providers, up to which date, where to write (only for {@link TestDataGenerator#write}), and how to sign. {@code signer} is applied to every document's final bytes; {@code professionalSigner}, when
 * set, is applied instead to the document types that need a professional's signature (decisions and statements).
 *
 * <p>Off by default, so that a seed's population stays what it was: {@code restrictedDocuments} now and then gives a
 * client a report a professional restricted from the client's view (MyKanta), half of them lifted by a later version;
 * {@code otherRegisters} now and then gives a client a client relationship document and a report in another
 * controller's register (for the registers whose documents the citizen's view hides or does not yet show: shelter
 * services, payment commitments, a stage-1 controller's, docs/access.md "The citizen's view"). The signer is then
 * applied to documents of those controllers too. {@code locationDataInCases} now and then writes the client's home
 * town into a case document, never while the client or a party of the case is under non-disclosure.
 */
public record GeneratorOptions(int count, long seed, Oid organisation, String organisationName, LocalDate today,
                               Path outDir,
                               Function<byte[], byte[]> signer, Function<byte[], byte[]> professionalSigner,
                               List<Oid> providers, boolean restrictedDocuments, List<Oid> otherRegisters,
                               boolean locationDataInCases) {

    /** A synthetic wellbeing services county used when no organisation is given. */
    public static final String DEFAULT_ORGANISATION = "1.2.246.10.99999001.10.0";
    public static final String DEFAULT_ORGANISATION_NAME = "Testilän hyvinvointialue";
    /**
     * Synthetic outsourced providers used when none are given: some clients' services are produced by their units
     * (client relationship documents name them as {@code palveluntuottaja}), under a register access agreement.
     */
    public static final List<String> DEFAULT_PROVIDERS = List.of("1.2.246.10.99999101.10.0", "1.2.246.10.99999102.10.0");
    private static final Pattern ORGANISATION_FORM = Pattern.compile("1\\.2\\.246\\.10\\.[0-9]+\\.10\\.0");

    public GeneratorOptions {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(organisationName, "organisationName");
        Objects.requireNonNull(today, "today");
        signer = signer == null ? Function.identity() : signer;
        providers = providers == null ? List.of() : List.copyOf(providers);
        otherRegisters = otherRegisters == null ? List.of() : List.copyOf(otherRegisters);
        for (Oid register : otherRegisters) {
            if (!ORGANISATION_FORM.matcher(register.value()).matches() || register.equals(organisation)) {
                throw new IllegalArgumentException("another register must be another organisation of the form "
                        + "1.2.246.10.<business id>.10.0: " + register);
            }
        }
        for (Oid provider : providers) {
            // the archive resolves a unit to its organisation by this form (UnitOrganisation)
            if (!ORGANISATION_FORM.matcher(provider.value()).matches() || provider.equals(organisation)) {
                throw new IllegalArgumentException("a provider must be another organisation of the form "
                        + "1.2.246.10.<business id>.10.0: " + provider);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The signer for a document of the given type. */
    Function<byte[], byte[]> signerFor(GeneratorCodes.DocumentType type) {
        return type.professionalSignatureRequired() && professionalSigner != null ? professionalSigner : signer;
    }

    public static final class Builder {
        private int count = 10;
        private long seed = 1L;
        private Oid organisation = Oid.of(DEFAULT_ORGANISATION);
        private String organisationName = DEFAULT_ORGANISATION_NAME;
        // A fixed default keeps the output reproducible from the seed alone.
        private LocalDate today = LocalDate.of(2026, 7, 1);
        private Path outDir;
        private Function<byte[], byte[]> signer;
        private Function<byte[], byte[]> professionalSigner;
        private List<Oid> providers = DEFAULT_PROVIDERS.stream().map(Oid::of).toList();
        private boolean restrictedDocuments;
        private List<Oid> otherRegisters = List.of();
        private boolean locationDataInCases;

        public Builder count(int count) {
            this.count = count;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder organisation(Oid organisation) {
            this.organisation = organisation;
            return this;
        }

        public Builder organisation(String organisation) {
            return organisation(Oid.of(organisation));
        }

        public Builder organisationName(String organisationName) {
            this.organisationName = organisationName;
            return this;
        }

        public Builder today(LocalDate today) {
            this.today = today;
            return this;
        }

        public Builder outDir(Path outDir) {
            this.outDir = outDir;
            return this;
        }

        public Builder signer(Function<byte[], byte[]> signer) {
            this.signer = signer;
            return this;
        }

        public Builder professionalSigner(Function<byte[], byte[]> professionalSigner) {
            this.professionalSigner = professionalSigner;
            return this;
        }

        /** The outsourced providers (organisation OIDs {@code 1.2.246.10.<business id>.10.0}); empty: none. */
        public Builder providers(List<Oid> providers) {
            this.providers = List.copyOf(providers);
            return this;
        }

        /** Now and then a report restricted from the client's view, half of them lifted by a later version. */
        public Builder restrictedDocuments(boolean restrictedDocuments) {
            this.restrictedDocuments = restrictedDocuments;
            return this;
        }

        /** Other controllers' registers in which clients now and then have documents too; empty: none. */
        public Builder otherRegisters(List<Oid> otherRegisters) {
            this.otherRegisters = List.copyOf(otherRegisters);
            return this;
        }

        /** Now and then the client's home town in a case document, never once someone of the case is protected. */
        public Builder locationDataInCases(boolean locationDataInCases) {
            this.locationDataInCases = locationDataInCases;
            return this;
        }

        public GeneratorOptions build() {
            return new GeneratorOptions(count, seed, organisation, organisationName, today, outDir, signer,
                    professionalSigner, providers, restrictedDocuments, otherRegisters, locationDataInCases);
        }
    }
}
