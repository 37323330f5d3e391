package cn.canbao.base;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoApplication;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Capabilities talk through each other's public services only, own their tables (no SQL against another module's
 * table beyond the listed ones), guard every public service method, and no domain code depends on the UI.
 */
class ModularityTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.canbao");

    private static final ApplicationModules MODULES = ApplicationModules.of(CanbaoApplication.class);

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final int MAX_ROOT_FILES = 15;

    @Test
    void modulesOnlyUseEachOthersPublicFaces() {
        MODULES.verify();
    }

    /**
     * A module's root is its public face (service, events, records other modules use), short enough to read at a
     * glance; views, delegates, SQL and jobs live in sub-packages, which Modulith keeps internal (issue 19).
     */
    @Test
    void everyModuleRootHoldsAtMostFifteenFiles() throws IOException {
        Map<String, Long> rootFiles = new TreeMap<>();
        for (ApplicationModule module : MODULES) {
            // source files, package-info.java included: what a newcomer sees when opening the module's folder
            Path root = MAIN_SOURCES.resolve(module.getBasePackage().getName().replace('.', '/'));
            try (Stream<Path> files = Files.list(root)) {
                rootFiles.put(
                        module.getIdentifier().toString(),
                        files.filter(f -> f.toString().endsWith(".java")).count());
            }
        }
        assertThat(rootFiles).as("source files at each module's root").hasSizeGreaterThan(10);
        assertThat(rootFiles)
                .as(
                        "modules whose root holds more than %d source files: move internals to sub-packages (ui, process,"
                                + " persistence, jobs, web …)",
                        MAX_ROOT_FILES)
                .allSatisfy((module, count) -> assertThat(count).as(module).isLessThanOrEqualTo(MAX_ROOT_FILES));
    }

    /** No package is named like Maven's build folder: tools and ignore rules skip such folders (issue 19). */
    @Test
    void noPackageIsNamedTarget() {
        noClasses().should().resideInAPackage("..target..").check(CLASSES);
    }

    @Test
    void servicesAndRepositoriesDoNotDependOnVaadin() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Service")
                .or()
                .haveSimpleNameEndingWith("Repository")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.vaadin..")
                .check(CLASSES);
    }

    /**
     * The service is the door: every public method of a service carries method security, its own or its class's —
     * at least "somebody authenticated" (system work runs as the system), narrowed to roles where it must be;
     * the region is checked inside (scoped queries, {@code CurrentUser.requireActing}).
     */
    @Test
    void everyPublicServiceMethodIsGuarded() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(Service.class)
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage("cn.canbao..")
                .and()
                .haveModifier(JavaModifier.PUBLIC)
                .should()
                .beAnnotatedWith(PreAuthorize.class)
                .orShould()
                .beDeclaredInClassesThat()
                .areAnnotatedWith(PreAuthorize.class)
                .check(CLASSES);
    }

    /** A new SQL access to another module's table fails here (the listed ones may only shrink). */
    @Test
    void noModuleQueriesAnotherModulesTablesBeyondTheListedOnes() throws IOException {
        new TableOwnershipTest().modulesQueryOnlyTheirOwnTablesExceptTheListedOnes();
        new TableOwnershipTest().everyTableHasAnOwner();
    }
}
