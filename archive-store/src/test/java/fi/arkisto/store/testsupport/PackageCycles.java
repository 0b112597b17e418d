package fi.arkisto.store.testsupport;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package-cycle rule of every module's {@code PackageCycleTest}: packages by feature, and two packages that import
 * each other are one feature cut in two.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /** The module's main classes under {@code basePackage}, tests left out. */
    public static JavaClasses mainClassesOf(String basePackage) {
        // package names are all the rules need; resolving every referenced library class is slow
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** No two packages import each other, nested ones and the module's own top package included. */
    public static void assertPackagesFreeOfCycles(JavaClasses classes) {
        // from fi.arkisto on, so that the module's own top package is a slice as well
        slices().matching("fi.arkisto.(**)").should().beFreeOfCycles().check(classes);
    }

    /** No two features (a package under {@code basePackage} with its sub-packages) import each other. */
    public static void assertFeaturesFreeOfCycles(JavaClasses classes, String basePackage) {
        slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
