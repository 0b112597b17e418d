package fi.arkisto.testkit.generator;

import fi.arkisto.store.identity.Oid;

import java.time.LocalDate;
import java.util.Objects;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What to generate: how many documents, from which seed (same seed, same documents byte for byte before signing),
 * for which organisation (the controller, an OID of the form {@code 1.2.246.10.<business id>.10.0}), up to which
 * date, where to write (only for {@link TestDataGenerator#write}), and how to sign. {@code signer} is applied to every document's final bytes; {@code professionalSigner}, when
 * set, is applied instead to the document types that need a professional's signature (decisions and statements).
 */
public record GeneratorOptions(int count, long seed, Oid organisation, String organisationName, LocalDate today,
                               Path outDir,
                               Function<byte[], byte[]> signer, Function<byte[], byte[]> professionalSigner) {

    /** A synthetic wellbeing services county used when no organisation is given. */
    public static final String DEFAULT_ORGANISATION = "1.2.246.10.99999001.10.0";
    public static final String DEFAULT_ORGANISATION_NAME = "Testilän hyvinvointialue";

    public GeneratorOptions {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(organisationName, "organisationName");
        Objects.requireNonNull(today, "today");
        signer = signer == null ? Function.identity() : signer;
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

        public GeneratorOptions build() {
            return new GeneratorOptions(count, seed, organisation, organisationName, today, outDir, signer,
                    professionalSigner);
        }
    }
}
