package fi.arkisto.testkit.deployment;

import fi.arkisto.store.organisation.KantaFunction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TestCaseVerifierTest {

    private static final String CLIENT = TestIdentityPool.all().get(0);
    private static final Set<String> HANDED_OUT = Set.of(CLIENT);
    private final TestCaseVerifier verifier = new TestCaseVerifier();
    private final List<ExpectedDocument> archiving = TestCaseCatalogue.expectedFor(EnumSet.of(KantaFunction.ARCHIVING,
            KantaFunction.PROFESSIONAL_SIGNATURES));

    @Test
    void passesWhenEveryExpectedDocumentArrivedAsRequired() {
        VerificationFindings findings = verifier.verify(archiving, complete(), HANDED_OUT);

        assertThat(findings.passed()).as(findings.summary()).isTrue();
        assertThat(findings.items()).allMatch(VerificationFindings.ItemResult::ok)
                .extracting(VerificationFindings.ItemResult::documentOid).doesNotContainNull();
        assertThat(findings.summary()).startsWith("HYVÄKSYTTY / PASSED");
    }

    @Test
    void failsOnAMissingDocument() {
        List<ArrivedDocument> arrived = complete();
        arrived.removeIf(d -> d.documentOid().equals("decision"));

        VerificationFindings findings = verifier.verify(archiving, arrived, HANDED_OUT);

        assertThat(findings.passed()).isFalse();
        assertThat(item(findings, TestCaseCatalogue.DECISION).findings()).extracting(Finding::problem)
                .containsExactly(Problem.MISSING);
    }

    @Test
    void failsOnARefusedDocumentAndOnOneOutsideTheControllersRegister() {
        List<ArrivedDocument> arrived = complete();
        arrived.add(ArrivedDocument.refused("refused", Instant.now(), "REAL_IDENTITY_CODE_IN_TEST: 131052-308T"));
        arrived.replaceAll(d -> d.documentOid().equals("client-relationship") ? copy(d, false, d.status(), Set.of("3")) : d);

        VerificationFindings findings = verifier.verify(archiving, arrived, HANDED_OUT);

        assertThat(findings.passed()).isFalse();
        assertThat(findings.documents()).filteredOn(d -> d.documentOid().equals("refused")).singleElement()
                .satisfies(d -> assertThat(d.findings()).singleElement().satisfies(f -> {
                    assertThat(f.problem()).isEqualTo(Problem.REFUSED);
                    assertThat(f.detail()).contains("131052*****").doesNotContain("308T");
                }));
        assertThat(item(findings, TestCaseCatalogue.CLIENT_RELATIONSHIP).findings()).extracting(Finding::problem)
                .containsExactly(Problem.MISSING);
    }

    @Test
    void failsOnAWrongSignatureTypeAWrongStatusAndAnUnhandedTestCode() {
        List<ArrivedDocument> arrived = complete();
        arrived.replaceAll(d -> switch (d.documentOid()) {
            case "decision" -> copy(d, true, "ACTIVE", Set.of("3"));
            case "nullified-document" -> copy(d, true, "ACTIVE", Set.of("3"));
            case "client-relationship" -> new ArrivedDocument(d.documentOid(), d.receivedAt(), null, true, true, d.setId(),
                    d.version(), d.status(), d.documentGroup(), d.generalDocumentType(), d.contentSpecificationId(),
                    d.validSignatureTypes(), Set.of(TestIdentityPool.all().get(1)), d.warnings());
            default -> d;
        });

        VerificationFindings findings = verifier.verify(archiving, arrived, HANDED_OUT);

        assertThat(findings.passed()).isFalse();
        assertThat(item(findings, TestCaseCatalogue.DECISION).findings()).extracting(Finding::problem)
                .containsExactly(Problem.WRONG_SIGNATURE);
        assertThat(item(findings, TestCaseCatalogue.NULLIFIED_DOCUMENT).findings()).extracting(Finding::problem)
                .containsExactly(Problem.WRONG_STATUS);
        assertThat(findings.documents()).filteredOn(d -> d.documentOid().equals("client-relationship")).singleElement()
                .satisfies(d -> assertThat(d.findings()).extracting(Finding::problem)
                        .containsExactly(Problem.IDENTITY_NOT_HANDED_OUT));
    }

    @Test
    void aReplacementOfAnotherSetFails() {
        List<ArrivedDocument> arrived = complete();
        arrived.replaceAll(d -> d.documentOid().equals("replacement") ? new ArrivedDocument(d.documentOid(), d.receivedAt(),
                null, true, true, "another-set", 2, "ACTIVE", "3", "4", "spec", Set.of("3"), Set.of(CLIENT), List.of()) : d);

        VerificationFindings findings = verifier.verify(archiving, arrived, HANDED_OUT);

        assertThat(item(findings, TestCaseCatalogue.REPLACEMENT).findings()).extracting(Finding::problem)
                .containsExactly(Problem.NOT_OF_SAME_SET);
        assertThat(findings.passed()).isFalse();
    }

    @Test
    void anUnexpectedExtraDocumentIsReportedButDoesNotFailTheTest() {
        List<ArrivedDocument> arrived = complete();
        arrived.add(archived("extra", "extra", 1, "ACTIVE", "2", "2", "1"));

        VerificationFindings findings = verifier.verify(archiving, arrived, HANDED_OUT);

        assertThat(findings.passed()).isTrue();
        assertThat(findings.documents()).filteredOn(d -> d.documentOid().equals("extra")).singleElement()
                .satisfies(d -> assertThat(d.findings()).extracting(Finding::problem).containsExactly(Problem.UNEXPECTED));
    }

    @Test
    void nothingExpectedNeverPasses() {
        assertThat(verifier.verify(List.of(), complete(), HANDED_OUT).passed()).isFalse();
    }

    private static VerificationFindings.ItemResult item(VerificationFindings findings, String key) {
        return findings.items().stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
    }

    private static List<ArrivedDocument> complete() {
        List<ArrivedDocument> arrived = new ArrayList<>();
        arrived.add(archived("client-relationship", "client-relationship", 1, "ACTIVE", "1", null, "3"));
        arrived.add(archived("client-document", "set-1", 1, "REPLACED", "3", "4", "3"));
        arrived.add(archived("replacement", "set-1", 2, "ACTIVE", "3", "4", "3"));
        arrived.add(archived("nullified-document", "nullified-document", 1, "NULLIFIED", "2", "3", "3"));
        arrived.add(archived("decision", "decision", 1, "ACTIVE", "2", "1", "1"));
        return arrived;
    }

    private static ArrivedDocument archived(String oid, String setId, int version, String status, String group, String type,
                                            String signature) {
        return new ArrivedDocument(oid, Instant.now(), null, true, true, setId, version, status, group, type,
                "1.2.246.537.6.1505.9.2026.3.1", Set.of(signature), Set.of(CLIENT), List.of());
    }

    private static ArrivedDocument copy(ArrivedDocument d, boolean inRegister, String status, Set<String> signatures) {
        return new ArrivedDocument(d.documentOid(), d.receivedAt(), null, true, inRegister, d.setId(), d.version(), status,
                d.documentGroup(), d.generalDocumentType(), d.contentSpecificationId(), signatures, d.identityCodes(),
                d.warnings());
    }
}
