package fi.arkisto.store.structure;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.Warning;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The structure and display checks on the real archiving path (real PostgreSQL, real S3 protocol): what they refuse
 * is not stored, what they warn about is stored with the document.
 */
abstract class StructureArchivingContract {

    static final String GENERATED_OID = "1.2.246.10.99999001.95777.2026.1.6";
    static final String GENERATED_CONTROLLER = "1.2.246.10.99999001.10.0";
    static final RequestContext SAMPLE_OWNER =
            new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "sosiaalityontekija-1", "1");
    static final RequestContext GENERATED_OWNER =
            new RequestContext(Oid.of(GENERATED_CONTROLLER), "sosiaalityontekija-2", "1");

    static final Path STRUCTURES_DIR;

    static {
        try {
            STRUCTURES_DIR = Files.createTempDirectory("arkisto-structures");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void structuresDirectory(DynamicPropertyRegistry registry) {
        registry.add("arkisto.structures.dir", STRUCTURES_DIR::toString);
    }

    @AfterAll
    static void removeStructuresDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(STRUCTURES_DIR)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Autowired
    ArchivingService archiving;
    @Autowired
    DocumentReadService reading;

    /** A crafted document under a fresh OID, so runs and test classes never collide. */
    static String fresh(String resource, String oldOid) {
        String xml = new String(StructureCheckTest.resource(resource), StandardCharsets.UTF_8);
        return xml.replace(oldOid, KantaSamples.newOid());
    }

    static String oidOf(String xml) {
        int start = xml.indexOf("<id root=\"") + "<id root=\"".length();
        return xml.substring(start, xml.indexOf('"', start));
    }

    @Test
    void theRealSampleIsArchivedWithItsBirthDateDisagreementStoredAsAWarning() {
        // given the sample under a fresh OID (the signature is not what is tested here)
        String sample = fresh(StructureCheckTest.SAMPLE, KantaSamples.SAMPLE_OID);

        // when
        ArchiveOutcome outcome = archiving.archive(sample.getBytes(StandardCharsets.UTF_8), SAMPLE_OWNER);

        // then
        assertThat(outcome.created()).isTrue();
        assertThat(outcome.document().warnings()).extracting(Warning::code)
                .containsExactly(StructureCheck.WARNING_BIRTH_DATE);
        assertThat(reading.metadata(DocumentOid.of(oidOf(sample)), SAMPLE_OWNER).warnings())
                .extracting(Warning::code).containsExactly(StructureCheck.WARNING_BIRTH_DATE);
    }

    @Test
    void aGeneratedDocumentIsArchivedWithoutWarnings() {
        String generated = fresh(StructureCheckTest.GENERATED_PLAN, GENERATED_OID);
        ArchiveOutcome outcome = archiving.archive(generated.getBytes(StandardCharsets.UTF_8), GENERATED_OWNER);
        assertThat(outcome.created()).isTrue();
        assertThat(outcome.document().warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "structure-unknown-content-specification.xml, UNKNOWN_CONTENT_SPECIFICATION",
            "structure-schema-missing-required.xml, STRUCTURE_INVALID",
            "structure-identity-mismatch.xml, IDENTITY_MISMATCH",
            "structure-header-rule-case-missing.xml, HEADER_RULE_VIOLATED",
            "display-blank.xml, DISPLAY_FORM_MISSING",
            "display-malformed.xml, DISPLAY_FORM_MALFORMED",
            "display-script.xml, DISPLAY_FORM_UNSAFE",
            "display-onclick.xml, DISPLAY_FORM_UNSAFE",
            "display-external-image.xml, DISPLAY_FORM_UNSAFE",
            "display-javascript-link.xml, DISPLAY_FORM_UNSAFE",
            "display-external-css-url.xml, DISPLAY_FORM_UNSAFE",
    })
    void aRefusedDocumentIsNotStored(String file, ErrorCode code) {
        // given
        String hostile = new String(StructureCheckTest.resource("hostile/" + file), StandardCharsets.UTF_8);
        String fresh = hostile.replace(oidOf(hostile), KantaSamples.newOid());

        // when / then
        assertThatThrownBy(() -> archiving.archive(fresh.getBytes(StandardCharsets.UTF_8), GENERATED_OWNER))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(code));
        assertThatThrownBy(() -> reading.metadata(DocumentOid.of(oidOf(fresh)), GENERATED_OWNER))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_NOT_FOUND));
    }

    @Test
    void aSchemaDroppedIntoTheConfiguredDirectoryMakesAnUnknownStructureArchivable() throws IOException {
        // given a document of a structure the running archive does not know
        String structure = "1.2.246.537.6.1505.9.2026." + (100 + (System.nanoTime() & 0xffff)) + ".1";
        String document = fresh("hostile/structure-unknown-content-specification.xml",
                oidOf(new String(StructureCheckTest.resource("hostile/structure-unknown-content-specification.xml"),
                        StandardCharsets.UTF_8)))
                .replace(">1.2.246.537.6.1505.9.2026.99.1<", ">" + structure + "<");
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> archiving.archive(bytes, GENERATED_OWNER))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CONTENT_SPECIFICATION));

        // when the operator drops its schema into arkisto.structures.dir (no code change, no restart)
        Files.write(STRUCTURES_DIR.resolve(structure + ".schema.json"),
                StructureCheckTest.resource("structures/1.2.246.537.6.1505.9.2026.3.1.schema.json"));

        // then
        ArchiveOutcome outcome = archiving.archive(bytes, GENERATED_OWNER);
        assertThat(outcome.created()).isTrue();
        assertThat(outcome.document().metadata().contentSpecificationId()).isEqualTo(structure);
    }
}
