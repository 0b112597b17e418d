package fi.arkisto.store.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import fi.arkisto.store.testsupport.PackageCycles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Package by feature ({@link PackageCycles}): the
 * archive store's packages form no cycle, neither package by package (nested ones included) nor feature by feature
 * (a feature with its sub-packages).
 */
class PackageCycleTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importTheMainClasses() {
        classes = PackageCycles.mainClassesOf("fi.arkisto.store");
    }

    @Test
    void theImportSeesTheMainClassesAndNoTests() {
        // an empty import would let the rules below pass without looking
        assertThat(classes.contain("fi.arkisto.store.cda.CdaParser")).isTrue();
        assertThat(classes.contain("fi.arkisto.store.access.extract.DocumentFactsReader")).isTrue();
        assertThat(classes.contain(PackageCycleTest.class)).isFalse();
    }

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertPackagesFreeOfCycles(classes);
    }

    @Test
    void featuresAreFreeOfCycles() {
        PackageCycles.assertFeaturesFreeOfCycles(classes, "fi.arkisto.store");
    }
}
