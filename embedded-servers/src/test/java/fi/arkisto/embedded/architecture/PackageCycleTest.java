package fi.arkisto.embedded.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Package by feature: two packages that import each other are one feature cut in two, so
 * the embedded servers' packages form no cycle, nested ones included.
 */
class PackageCycleTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importTheMainClasses() {
        // package names are all the rule needs; resolving every referenced library class is slow
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fi.arkisto.embedded");
    }

    @Test
    void theImportSeesTheMainClassesAndNoTests() {
        // an empty import would let the rule below pass without looking
        assertThat(classes.contain("fi.arkisto.embedded.EmbeddedPostgresServer")).isTrue();
        assertThat(classes.contain(PackageCycleTest.class)).isFalse();
    }

    @Test
    void packagesAreFreeOfCycles() {
        // from fi.arkisto on, so that the module's own top package is a slice as well
        slices().matching("fi.arkisto.(**)").should().beFreeOfCycles().check(classes);
    }
}
