package fi.arkisto.store.document;

import fi.arkisto.store.CdaProperties;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.display.DisplayFormCheck;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.object.StoredObject;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.store.signature.SignatureVerifier;
import fi.arkisto.store.signature.SystemSigner;
import fi.arkisto.store.structure.StructureCheck;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.SignatureTestData;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static fi.arkisto.store.error.ErrorCode.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 3, "Hostile and broken input": every case of the hostile corpus goes through the real
 * {@link ArchivingService} with every archiving-stage check on (signature verification against a trust-anchor
 * directory, display form safety, structure catalogue) and is refused with its own stable {@link ErrorCode},
 * storing nothing (invariant 7, docs/invariants.md: bad input gets a clear error and changes nothing): no
 * {@code archive.document_version} row, no new S3 object, only a REJECTED audit event (invariant 5).
 * The positive controls archive the real sample and a freshly signed generated document in the same context, so
 * the corpus cannot pass by refusing everything.
 *
 * <p>Adding a case is one line in {@link #corpus()}; {@link #everyCommittedFixtureIsInTheTable()} fails when a
 * fixture file is added without one.
 */
abstract class HostileCorpusTest {

    static final RequestContext SAMPLE_OWNER =
            new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "sosiaalityontekija-1", "1");
    /** Controller of the structure fixtures (src/test/resources/structure/generated-case-plan.xml and hostile/structure-*, display-*). */
    static final RequestContext GENERATED_OWNER =
            new RequestContext(Oid.of("1.2.246.10.99999001.10.0"), "sosiaalityontekija-2", "1");
    static final String GENERATED_PLAN = "structure/generated-case-plan.xml";
    /** The real sample arriving when it was sent (signed 2026-07-17; its certificate expired 2026-10-09). */
    static final Intake SAMPLE_SENT = Intake.of(IngestChannel.QUEUE, Instant.parse("2026-07-17T10:07:30Z"));
    static final String GENERATED_PLAN_OID = "1.2.246.10.99999001.95777.2026.1.6";

    /** Signed fixtures are signed at test time by a system certificate of this CA, placed among the trust anchors. */
    static final class TestPki {
        static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
        static final Instant TO = Instant.parse("2040-01-01T00:00:00Z");
        static final KeyPair CA_KEYS = CertificateIssuer.rsaKeyPair();
        static final X509Certificate CA = CertificateIssuer.selfSignedCa(
                CertificateIssuer.caSubject("Arkisto TEST Hostile Corpus CA"), CA_KEYS, FROM, TO);
        static final KeyPair SYSTEM_KEYS = CertificateIssuer.rsaKeyPair();
        static final SystemSigner SIGNER = new SystemSigner(SYSTEM_KEYS.getPrivate(), CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Testilän hyvinvointialue", "1.2.246.10.99999001.10.0", "Asiakastietojärjestelmä"),
                SYSTEM_KEYS.getPublic(), FROM, TO, List.of(CertificateIssuer.TEST_SYSTEM_POLICY), CA, CA_KEYS.getPrivate()),
                Clock.systemUTC());
        static final Path ANCHORS = anchors();

        /** The committed corpus anchors (corpus CA, its CRL, the real sample's certificate pinned) plus this CA. */
        private static Path anchors() {
            try {
                Path directory = Files.createTempDirectory("arkisto-hostile-anchors");
                directory.toFile().deleteOnExit();
                for (String file : SignatureTestData.ANCHOR_FILES) {
                    Path target = directory.resolve(file);
                    Files.copy(SignatureTestData.anchorDirectory().resolve(file), target);
                    target.toFile().deleteOnExit();
                }
                Path ca = directory.resolve("hostile-corpus-ca.pem");
                Files.writeString(ca, CertificateIssuer.pem(CA));
                ca.toFile().deleteOnExit();
                return directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How a case's bytes are obtained; the test instance gives access to the configured limits. */
    @FunctionalInterface
    interface Source {
        byte[] bytes(HostileCorpusTest test);
    }

    record Case(String name, ErrorCode code, RequestContext owner, Source source) {
        @Override
        public String toString() {
            return name + " -> " + code;
        }
    }

    /** A committed fixture, archived exactly as it is. */
    static Case asIs(String resource, ErrorCode code) {
        return new Case(resource, code, resource.startsWith("signature/") ? SAMPLE_OWNER : GENERATED_OWNER,
                test -> resource(resource));
    }

    /** An unsigned committed fixture, given a fresh OID and signed by the test PKI, so only its own defect refuses it. */
    static Case signed(String resource, ErrorCode code) {
        return new Case(resource + " (signed)", code, GENERATED_OWNER, test -> signFresh(resource));
    }

    /**
     * The generated plan signed by the test PKI, then edited where the signature does not reach (the header), as an
     * attacker relabelling a signed document would; {@code resource} is the committed result, for the table.
     */
    static Case signedThenEdited(String resource, ErrorCode code, java.util.function.UnaryOperator<String> edit) {
        return new Case(resource + " (signed)", code, GENERATED_OWNER, test -> {
            String signed = new String(signFresh(GENERATED_PLAN), StandardCharsets.UTF_8);
            String edited = edit.apply(signed);
            assertThat(edited).as("the edit applies").isNotEqualTo(signed);
            return edited.getBytes(StandardCharsets.UTF_8);
        });
    }

    static Case generated(String name, ErrorCode code, Source source) {
        return new Case(name + " (generated)", code, SAMPLE_OWNER, source);
    }

    static Stream<Case> corpus() {
        return Stream.concat(Stream.of(
                // XML attacks and broken XML: refused by the parser (hostile/README.md)
                asIs("hostile/xxe-external-entity.xml", XML_DTD_FORBIDDEN),
                asIs("hostile/xxe-parameter-entity-external-dtd.xml", XML_DTD_FORBIDDEN),
                asIs("hostile/billion-laughs.xml", XML_DTD_FORBIDDEN),
                asIs("hostile/parameter-entity-bomb.xml", XML_DTD_FORBIDDEN),
                asIs("hostile/plain-doctype.xml", XML_DTD_FORBIDDEN),
                asIs("hostile/xinclude.xml", ACTIVE_CONTENT_FORBIDDEN),
                asIs("hostile/not-well-formed.xml", MALFORMED_XML),
                asIs("hostile/not-a-cda-root.xml", NOT_A_CDA_DOCUMENT),
                asIs("hostile/missing-id.xml", MISSING_REQUIRED_FIELD),
                asIs("hostile/bad-oid.xml", INVALID_OID),
                asIs("hostile/bad-identity-check-character.xml", INVALID_IDENTITY_CODE),
                asIs("hostile/invalid-base64-body.xml", INVALID_BASE64),
                generated("oversized", DOCUMENT_TOO_LARGE, HostileCorpusTest::oversized),
                generated("deep-nesting", XML_TOO_DEEP, test -> deeplyNested(10_000)),
                // signatures (signature/README.md)
                asIs("signature/corpus/tampered-body.xml", SIGNATURE_INVALID),
                asIs("signature/corpus/tampered-structured-form.xml", SIGNATURE_INVALID),
                asIs("signature/corpus/tampered-signed-timestamp.xml", SIGNATURE_INVALID),
                asIs("signature/corpus/tampered-body-attribute.xml", SIGNATURE_INVALID),
                asIs("signature/corpus/reference-to-another-element.xml", SIGNATURE_INVALID),
                asIs("signature/corpus/external-reference.xml", SIGNATURE_INVALID),
                asIs("signature/corpus/untrusted-certificate.xml", SIGNATURE_UNTRUSTED),
                asIs("signature/corpus/signed-after-certificate-expired.xml", SIGNATURE_CERTIFICATE_EXPIRED),
                asIs("signature/corpus/revoked-certificate.xml", SIGNATURE_CERTIFICATE_REVOKED),
                asIs("signature/corpus/signing-time-in-future.xml", SIGNATURE_TIME_IN_FUTURE),
                asIs("signature/corpus/missing-signature.xml", SIGNATURE_MISSING),
                asIs("signature/corpus/system-signature-on-decision.xml", PROFESSIONAL_SIGNATURE_REQUIRED),
                asIs("signature/corpus/wrong-type-certificate.xml", SIGNATURE_TYPE_MISMATCH),
                // an unsigned structure fixture as committed: the missing signature comes first
                asIs("hostile/structure-schema-missing-required.xml", SIGNATURE_MISSING),
                // structures (hostile/README-structure-display.md), validly signed
                signed("hostile/structure-unknown-content-specification.xml", UNKNOWN_CONTENT_SPECIFICATION),
                signed("hostile/structure-schema-missing-required.xml", STRUCTURE_INVALID),
                signed("hostile/structure-schema-invalid-date.xml", STRUCTURE_INVALID),
                signed("hostile/structure-identity-mismatch.xml", IDENTITY_MISMATCH),
                signed("hostile/structure-identity-century-sign-mismatch.xml", IDENTITY_MISMATCH),
                signed("hostile/structure-invalid-json.xml", STRUCTURE_INVALID),
                signed("hostile/structure-duplicate-key-json.xml", STRUCTURE_INVALID),
                signed("hostile/structure-header-rule-case-missing.xml", HEADER_RULE_VIOLATED),
                // display forms, validly signed
                signed("hostile/display-blank.xml", DISPLAY_FORM_MISSING),
                signed("hostile/display-malformed.xml", DISPLAY_FORM_MALFORMED),
                signed("hostile/display-not-xhtml-namespace.xml", DISPLAY_FORM_MALFORMED),
                signed("hostile/display-doctype-internal-subset.xml", DISPLAY_FORM_MALFORMED),
                signed("hostile/display-wrong-media-type.xml", DISPLAY_FORM_MALFORMED),
                signed("hostile/display-script.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-onclick.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-external-image.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-protocol-relative-image.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-svg-data-image.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-javascript-link.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-data-text-link.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-external-link.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-external-css-url.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-style-import.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-css-escape.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-iframe.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-object.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-form.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-meta-refresh.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-base.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-link-stylesheet.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-svg-element.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-xlink-href.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-xml-stylesheet-pi.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-conditional-comment.xml", DISPLAY_FORM_UNSAFE),
                // active content outside the display form, validly signed (hostile/README-active-content.md)
                signed("hostile/active-xhtml-script-in-header.xml", ACTIVE_CONTENT_FORBIDDEN),
                signed("hostile/active-svg-in-body.xml", ACTIVE_CONTENT_FORBIDDEN),
                signed("hostile/active-mathml-in-header.xml", ACTIVE_CONTENT_FORBIDDEN),
                signed("hostile/active-xlink-attribute.xml", ACTIVE_CONTENT_FORBIDDEN),
                signed("hostile/active-xslt-in-header.xml", ACTIVE_CONTENT_FORBIDDEN),
                signed("hostile/active-xinclude-in-header.xml", ACTIVE_CONTENT_FORBIDDEN),
                signed("hostile/active-xml-stylesheet-pi.xml", ACTIVE_CONTENT_FORBIDDEN),
                signed("hostile/active-processing-instruction-in-body.xml", ACTIVE_CONTENT_FORBIDDEN),
                // the signer writes XML 1.0; the header is outside the signed parts, so it is made XML 1.1 after signing
                signedThenEdited("hostile/control-character-xml11-title.xml", CONTROL_CHARACTER_FORBIDDEN,
                        xml -> xml.replace("<title>Asiakassuunnitelma</title>", "<title>&#x1;&#x1b;[31mAsiakassuunnitelma</title>")
                                .replaceFirst("^<\\?xml version=\"1.0\"", "<?xml version=\"1.1\"")),
                signed("hostile/control-character-c1-attribute.xml", CONTROL_CHARACTER_FORBIDDEN),
                // display forms read differently by HTML parsers, and CSS split across nodes, validly signed
                signed("hostile/display-css-split-by-cdata.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-css-import-split-by-comment.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-css-url-hidden-by-string.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-title-cdata-breakout.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-style-cdata-breakout.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-cdata-bogus-comment.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-comment-abrupt-close.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-self-closed-style.xml", DISPLAY_FORM_UNSAFE),
                signed("hostile/display-encoding-not-utf8.xml", DISPLAY_FORM_MALFORMED)),
                // trust: validly signed, then altered where no signature reaches, or signed by a weak certificate
                TrustAttacks.cases());
    }

    @DynamicPropertySource
    static void everyCheckOn(DynamicPropertyRegistry registry) {
        registry.add("arkisto.signature.enabled", () -> "true");
        registry.add("arkisto.signature.trust-anchors", TestPki.ANCHORS::toString);
        registry.add("arkisto.structures.allow-unknown", () -> "false");
    }

    @Autowired
    ArchivingService archiving;
    @Autowired
    ObjectStore objects;
    @Autowired
    DataSource dataSource;
    @Autowired
    CdaProperties cdaLimits;
    @Autowired
    List<DocumentCheck> checks;

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachHostileCaseIsRefusedWithItsCodeAndNothingIsStored(Case hostile) {
        // given the archive's state and the hostile document
        byte[] document = hostile.source().bytes(this);
        Snapshot before = snapshot();

        // when it is archived
        ArchiveException refusal = catchThrowableOfType(() -> archiving.archive(document, hostile.owner()),
                ArchiveException.class);

        // then it is refused with exactly its code
        assertThat(refusal).as("archiving must refuse " + hostile.name()).isNotNull();
        assertThat(refusal.code()).as(refusal.getMessage()).isEqualTo(hostile.code());
        // nothing an external entity points at (file:///etc/passwd in the XXE fixtures) is read into the answer
        assertThat(refusal.getMessage()).doesNotContain("root:x:0:0");

        // and nothing was stored: no metadata row, no new object; only the refusal was audited
        Snapshot after = snapshot();
        assertThat(after.documentVersions()).isEqualTo(before.documentVersions());
        assertThat(after.objectKeys()).as("new S3 objects").isSubsetOf(before.objectKeys());
        List<Map<String, Object>> events = jdbc().queryForList(
                "SELECT operation, outcome, detail FROM archive.audit_event WHERE id > ? ORDER BY id", before.lastAuditId());
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.get("operation")).isEqualTo("ARCHIVE");
            assertThat(event.get("outcome")).isEqualTo("REJECTED");
            assertThat((String) event.get("detail")).startsWith(hostile.code().name() + ":").doesNotContain("root:x:0:0");
        });
    }

    @Test
    void theBulkPathRefusesEveryCaseWithTheSameCodeAndStoresOnlyTheValidItem() {
        // given the whole corpus as bulk lists (the legacy migration's path), one per register, and one validly
        // signed document in the list of its register
        Map<RequestContext, List<Case>> byOwner = corpus().collect(Collectors.groupingBy(Case::owner));
        byte[] valid = signFresh(GENERATED_PLAN);
        Snapshot before = snapshot();

        // when
        Map<RequestContext, List<BulkResult>> results = new java.util.HashMap<>();
        byOwner.forEach((owner, cases) -> {
            List<byte[]> documents = new ArrayList<>();
            cases.forEach(c -> documents.add(c.source().bytes(this)));
            if (owner == GENERATED_OWNER) {
                documents.add(valid);
            }
            results.put(owner, archiving.archiveAll(documents, owner));
        });

        // then each hostile item is refused with its own code, and only the valid one is stored
        byOwner.forEach((owner, cases) -> {
            for (int i = 0; i < cases.size(); i++) {
                BulkResult result = results.get(owner).get(i);
                assertThat(result.error()).as(cases.get(i).name()).isNotNull();
                assertThat(result.error().code()).as(cases.get(i).name()).isEqualTo(cases.get(i).code());
            }
        });
        BulkResult stored = results.get(GENERATED_OWNER).get(byOwner.get(GENERATED_OWNER).size());
        assertThat(stored.error()).isNull();
        assertThat(stored.outcome().created()).isTrue();
        Snapshot after = snapshot();
        assertThat(after.documentVersions()).isEqualTo(before.documentVersions() + 1);
        Set<String> added = new HashSet<>(after.objectKeys());
        added.removeAll(before.objectKeys());
        assertThat(added).containsExactly(ObjectStore.documentKey(stored.outcome().document().sha256()));
        assertThat(jdbc().queryForList("SELECT outcome FROM archive.audit_event WHERE id > ? AND operation = 'ARCHIVE'",
                String.class, before.lastAuditId()))
                .containsOnly("REJECTED", "SUCCESS")
                .filteredOn("REJECTED"::equals).hasSize((int) corpus().count());
    }

    @Test
    void allThreeArchivingStageChecksAreOn() {
        assertThat(checks).hasAtLeastOneElementOfType(SignatureVerifier.class)
                .hasAtLeastOneElementOfType(DisplayFormCheck.class)
                .hasAtLeastOneElementOfType(StructureCheck.class);
    }

    @Test
    void theRealSampleArchivesWithItsPinnedCertificateAsAnchor() {
        // given the real sample (other test classes of this JVM may have archived it already, without the verifier)

        // when
        ArchiveOutcome outcome = archiving.archive(KantaSamples.realSample(), SAMPLE_OWNER, SAMPLE_SENT);

        // then it is archived, its bytes stored
        assertThat(outcome.document().oid().value()).isEqualTo(KantaSamples.SAMPLE_OID);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM archive.document_version WHERE document_oid = ?",
                Long.class, KantaSamples.SAMPLE_OID)).isEqualTo(1L);
        assertThat(objects.exists(ObjectStore.documentKey(outcome.document().sha256()))).isTrue();
    }

    @Test
    void aGeneratedDocumentSignedByTheTestPkiArchivesWithAValidSystemSignature() {
        // given the generated plan the structure and display fixtures derive from, freshly signed
        byte[] document = signFresh(GENERATED_PLAN);
        Snapshot before = snapshot();

        // when
        ArchiveOutcome outcome = archiving.archive(document, GENERATED_OWNER);

        // then it is stored with its signature evidence: one row and one object more
        assertThat(outcome.created()).isTrue();
        assertThat(outcome.document().signatures()).singleElement().satisfies(e -> {
            assertThat(e.valid()).isTrue();
            assertThat(e.type()).isEqualTo(SignatureType.SYSTEM);
        });
        Snapshot after = snapshot();
        assertThat(after.documentVersions()).isEqualTo(before.documentVersions() + 1);
        String key = ObjectStore.documentKey(outcome.document().sha256());
        assertThat(after.objectKeys()).contains(key);
        assertThat(before.objectKeys()).doesNotContain(key);
    }

    @Test
    void everyCommittedFixtureIsInTheTable() {
        // given every committed hostile document (the valid-* signature documents are not hostile)
        Set<String> committed = new HashSet<>();
        committed.addAll(xmlFiles("hostile"));
        committed.addAll(xmlFiles("signature/corpus"));
        committed.removeIf(name -> name.startsWith("signature/corpus/valid-"));

        // then each one has a line in the table
        Set<String> covered = corpus().map(c -> c.name().replace(" (signed)", "")).collect(Collectors.toSet());
        assertThat(covered).containsAll(committed);
    }

    // ---- sources ------------------------------------------------------------------------------

    /** The real sample padded with whitespace after its root to one byte over the configured limit. */
    static byte[] oversized(HostileCorpusTest test) {
        long limit = test.cdaLimits.maxDocumentSize().toBytes();
        byte[] sample = KantaSamples.realSample();
        byte[] document = new byte[Math.toIntExact(limit + 1)];
        System.arraycopy(sample, 0, document, 0, sample.length);
        java.util.Arrays.fill(document, sample.length, document.length, (byte) ' ');
        return document;
    }

    /** The real sample with a chain of nested elements inside its root. */
    static byte[] deeplyNested(int depth) {
        String sample = new String(KantaSamples.realSample(), StandardCharsets.UTF_8);
        String nested = "<x>".repeat(depth) + "</x>".repeat(depth);
        return sample.replace("</ClinicalDocument>", nested + "</ClinicalDocument>").getBytes(StandardCharsets.UTF_8);
    }

    /** A committed unsigned document under a fresh OID (its set id too), signed now by the test PKI. */
    static byte[] signFresh(String resource) {
        String xml = new String(resource(resource), StandardCharsets.UTF_8);
        String oid = oidOf(xml);
        String newOid = KantaSamples.newOid();
        String fresh = xml.replace("\"" + oid + "\"", "\"" + newOid + "\"").replace("\"OID" + oid + "\"", "\"OID" + newOid + "\"");
        return TestPki.SIGNER.sign(fresh.getBytes(StandardCharsets.UTF_8), Instant.now().minusSeconds(60));
    }

    static String oidOf(String xml) {
        int start = xml.indexOf("<id root=\"") + "<id root=\"".length();
        return xml.substring(start, xml.indexOf('"', start));
    }

    static byte[] resource(String name) {
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> xmlFiles(String directory) {
        URL url = HostileCorpusTest.class.getResource("/" + directory);
        assertThat(url).as(directory).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(p -> directory + "/" + p.getFileName()).filter(n -> n.endsWith(".xml")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- archive state ------------------------------------------------------------------------

    record Snapshot(long documentVersions, Set<String> objectKeys, long lastAuditId) {
    }

    private Snapshot snapshot() {
        Set<String> keys = new HashSet<>();
        objects.list("", (StoredObject o) -> keys.add(o.key()));
        Long versions = jdbc().queryForObject("SELECT count(*) FROM archive.document_version", Long.class);
        Long lastAudit = jdbc().queryForObject("SELECT coalesce(max(id), 0) FROM archive.audit_event", Long.class);
        return new Snapshot(versions, keys, lastAudit);
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }
}
