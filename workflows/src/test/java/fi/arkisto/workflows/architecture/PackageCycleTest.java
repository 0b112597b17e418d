package fi.arkisto.workflows.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import fi.arkisto.store.testsupport.PackageCycles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Package by feature ({@link PackageCycles}): the workflows' packages form no cycle, nested ones included.
 */
class PackageCycleTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importTheMainClasses() {
        classes = PackageCycles.mainClassesOf("fi.arkisto.workflows");
    }

    @Test
    void theImportSeesTheMainClassesAndNoTests() {
        // an empty import would let the rule below pass without looking
        assertThat(classes.contain("fi.arkisto.workflows.WorkflowsConfiguration")).isTrue();
        assertThat(classes.contain("fi.arkisto.workflows.migration.MigrationJobWorker")).isTrue();
        assertThat(classes.contain(PackageCycleTest.class)).isFalse();
    }

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertPackagesFreeOfCycles(classes);
    }
}
