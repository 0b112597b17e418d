package fi.arkisto.app.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/access.md, "One decision": one access decision, pure. The decision and its facts do no I/O, read no clock and
 * know neither Spring, JSON, the CDA parser nor storage; fact extraction lives beside it, never inside it; its
 * packages form no cycle.
 */
class AccessDecisionPurityTest {

    private static final String[] DECISION_PACKAGES = {"fi.arkisto.store.access", "fi.arkisto.store.access.decision",
            "fi.arkisto.store.access.request", "fi.arkisto.store.access.facts", "fi.arkisto.store.access.registeraccess",
            "fi.arkisto.store.access.mutualcase", "fi.arkisto.store.access.sharing",
            "fi.arkisto.store.access.period"};

    private static JavaClasses classes;

    @BeforeAll
    static void importTheArchiveStore() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("fi.arkisto.store.access");
    }

    @Test
    void importsTheDecision() {
        assertThat(classes.contain("fi.arkisto.store.access.AccessRules")).isTrue();
        assertThat(classes.contain("fi.arkisto.store.access.extract.DocumentFactsReader")).isTrue();
    }

    @Test
    void theDecisionDoesNoIoAndKnowsNoFrameworkParserOrStorage() {
        noClasses().that().resideInAnyPackage(DECISION_PACKAGES)
                // the settings record carries Spring's binding annotations
                .and().haveNameNotMatching("fi\\.arkisto\\.store\\.access\\.AccessProperties.*")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..",
                        "java.sql..", "javax.sql..", "org.springframework..", "com.fasterxml..", "org.w3c..",
                        "fi.arkisto.store.cda..", "fi.arkisto.store.document..", "fi.arkisto.store.object..",
                        "fi.arkisto.store.audit..", "fi.arkisto.store.access.extract..",
                        "fi.arkisto.store.access.nondisclosure..")
                .because("the access decision is a pure function of its request and facts (docs/access.md)")
                .check(classes);
    }

    @Test
    void theDecisionReadsNoClock() {
        noClasses().that().resideInAnyPackage(DECISION_PACKAGES)
                .should().callMethod(LocalDate.class, "now")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .because("the request carries its day; the decision must answer the same for the same input")
                .check(classes);
    }

    @Test
    void theAccessPackagesFormNoCycle() {
        slices().matching("fi.arkisto.store.access.(*)..").should().beFreeOfCycles().check(classes);
        noClasses().that().resideInAPackage("fi.arkisto.store.access.*..")
                .should().dependOnClassesThat().resideInAPackage("fi.arkisto.store.access")
                .because("the feature packages sit below the decision, which composes them")
                .check(classes);
    }
}
