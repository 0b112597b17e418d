package fi.arkisto.store.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md section 2, package by feature: two packages that import each other are one feature cut in two, so the
 * archive store's packages form no cycle, neither package by package (nested ones included) nor feature by feature
 * (a feature with its sub-packages).
 */
class PackageCycleTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importTheMainClasses() {
        // package names are all the rules need; resolving every referenced library class is slow
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fi.arkisto.store");
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
        slices().matching("fi.arkisto.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("fi.arkisto.store.(*)..").should().beFreeOfCycles().check(classes);
    }
}
