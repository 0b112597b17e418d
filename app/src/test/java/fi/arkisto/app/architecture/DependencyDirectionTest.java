package fi.arkisto.app.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/invariants.md, "Module dependencies": archive-store knows nothing of Camel, Camunda or Spring Batch;
 * camel-routes, batch-jobs and workflows depend on archive-store, not on each other; only app assembles;
 * the domain packages of identities and CDA parsing stay free of Spring.
 */
class DependencyDirectionTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        // given every module's production classes on the app's class path
        // package names are all the rules need; resolving every referenced library class is slow
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // modules' test-jars (test support) are not production code
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("fi.arkisto");
    }

    @Test
    void importsTheArchiveStoreAndTheApp() {
        // then the rules below really see classes (an empty import would make them pass vacuously)
        assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("fi.arkisto.store"))).isTrue();
        assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("fi.arkisto.app"))).isTrue();
        assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("fi.arkisto.embedded"))).isTrue();
    }

    @Test
    void archiveStoreKnowsNothingOfCamelCamundaOrSpringBatch() {
        ArchRule rule = noClasses().that().resideInAPackage("fi.arkisto.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.camunda..",
                        "org.springframework.batch..")
                .because("docs/invariants.md: archive-store knows nothing of Camel, Camunda or Spring Batch");
        rule.check(classes);
    }

    @Test
    void archiveStoreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("fi.arkisto.store..")
                .should().dependOnClassesThat().resideInAnyPackage("fi.arkisto.routes..", "fi.arkisto.batch..",
                        "fi.arkisto.workflows..", "fi.arkisto.testkit..", "fi.arkisto.app..")
                .because("docs/invariants.md: every module depends on archive-store, never the other way")
                .check(classes);
    }

    @Test
    void routesDoNotDependOnBatchOrWorkflows() {
        noClasses().that().resideInAPackage("fi.arkisto.routes..")
                .should().dependOnClassesThat().resideInAnyPackage("fi.arkisto.batch..", "fi.arkisto.workflows..")
                .because("docs/invariants.md: camel-routes, batch-jobs and workflows do not depend on each other")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void batchJobsDoNotDependOnRoutesOrWorkflows() {
        noClasses().that().resideInAPackage("fi.arkisto.batch..")
                .should().dependOnClassesThat().resideInAnyPackage("fi.arkisto.routes..", "fi.arkisto.workflows..")
                .because("docs/invariants.md: camel-routes, batch-jobs and workflows do not depend on each other")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void workflowsDoNotDependOnRoutesOrBatchJobs() {
        noClasses().that().resideInAPackage("fi.arkisto.workflows..")
                .should().dependOnClassesThat().resideInAnyPackage("fi.arkisto.routes..", "fi.arkisto.batch..")
                .because("docs/invariants.md: camel-routes, batch-jobs and workflows do not depend on each other")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theDeploymentTestKitDependsOnlyOnTheArchiveStore() {
        noClasses().that().resideInAPackage("fi.arkisto.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage("fi.arkisto.routes..", "fi.arkisto.batch..",
                        "fi.arkisto.workflows..", "org.camunda..")
                .because("docs/invariants.md: the deployment test kit (catalogue, verifier, report) is plain, used by workflows")
                .check(classes);
    }

    @Test
    void theOrganisationRegistryAndTestRunsKnowNothingOfTheProcesses() {
        noClasses().that().resideInAnyPackage("fi.arkisto.store.organisation..", "fi.arkisto.store.deploymenttest..")
                .should().dependOnClassesThat().resideInAnyPackage("fi.arkisto.testkit..", "org.camunda..")
                .because("the access rules consult the registry; the processes drive it, not the other way")
                .check(classes);
    }

    @Test
    void onlyTheAppShipsTheEmbeddedServers() {
        noClasses().that().resideOutsideOfPackages("fi.arkisto.app..", "fi.arkisto.embedded..")
                .should().dependOnClassesThat().resideInAPackage("fi.arkisto.embedded..")
                .because("the embedded PostgreSQL and S3 servers are the app's no-setup defaults, not part of the domain")
                .check(classes);
    }

    @Test
    void theEmbeddedServersKnowNothingOfTheArchive() {
        noClasses().that().resideInAPackage("fi.arkisto.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("fi.arkisto.store..", "fi.arkisto.routes..",
                        "fi.arkisto.batch..", "fi.arkisto.workflows..", "fi.arkisto.testkit..", "fi.arkisto.app..")
                .because("the embedded servers are plain infrastructure any module's tests may start")
                .check(classes);
    }

    @Test
    void onlyTheTestKitIssuesCertificates() {
        noClasses().that().resideOutsideOfPackage("fi.arkisto.testkit..")
                .should().dependOnClassesThat().haveFullyQualifiedName("fi.arkisto.testkit.pki.CertificateIssuer")
                .because("a test CA is no part of the archive; only the test kit's pki tooling issues certificates")
                .check(classes);
    }

    @Test
    void onlyTheAppDependsOnTheApp() {
        noClasses().that().resideOutsideOfPackage("fi.arkisto.app..")
                .should().dependOnClassesThat().resideInAPackage("fi.arkisto.app..")
                .because("docs/invariants.md: app assembles; nothing is built on it")
                .check(classes);
    }

    @Test
    void identityAndCdaDomainAreFreeOfSpring() {
        noClasses().that().resideInAnyPackage("fi.arkisto.store.identity..", "fi.arkisto.store.cda..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("the identity and CDA domain packages are plain Java, usable by any tool")
                .check(classes);
    }
}
