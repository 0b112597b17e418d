package fi.arkisto.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import fi.arkisto.store.testsupport.PackageCycles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Package by feature ({@link PackageCycles}): the app's packages form no cycle, neither package by package (nested
 * ones included) nor feature by feature (a feature with its sub-packages).
 */
class PackageCycleTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importTheMainClasses() {
        classes = PackageCycles.mainClassesOf("fi.arkisto.app");
    }

    @Test
    void theImportSeesTheMainClassesAndNoTests() {
        // an empty import would let the rule below pass without looking
        assertThat(classes.contain("fi.arkisto.app.ArkistoApplication")).isTrue();
        assertThat(classes.contain("fi.arkisto.app.api.problem.ProblemHandler")).isTrue();
        assertThat(classes.contain(PackageCycleTest.class)).isFalse();
    }

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertPackagesFreeOfCycles(classes);
    }

    @Test
    void featuresAreFreeOfCycles() {
        PackageCycles.assertFeaturesFreeOfCycles(classes, "fi.arkisto.app");
    }
}
