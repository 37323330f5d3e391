package cn.canbao.base;

import cn.canbao.CanbaoApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Capabilities talk through each other's public services only, and no domain code depends on the UI. */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(CanbaoApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicFaces() {
        MODULES.verify();
    }

    @Test
    void servicesAndRepositoriesDoNotDependOnVaadin() {
        noClasses().that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Repository")
                .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
                .check(new com.tngtech.archunit.core.importer.ClassFileImporter()
                        .importPackages("cn.canbao"));
    }
}
