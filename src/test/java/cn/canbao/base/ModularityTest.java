package cn.canbao.base;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import cn.canbao.CanbaoApplication;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import org.junit.jupiter.api.Test;
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

    @Test
    void modulesOnlyUseEachOthersPublicFaces() {
        MODULES.verify();
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
