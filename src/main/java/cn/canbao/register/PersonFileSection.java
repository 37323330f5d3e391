package cn.canbao.register;

import com.vaadin.flow.component.Component;

/**
 * A section another capability adds to the person file, below the continuity cards: the policy
 * assessment, for one. The register knows only this interface, so capabilities that build on the
 * register's data show their part of the file without the register depending on them.
 */
public interface PersonFileSection {

    /** The section for a file the caller has just opened (and was allowed to). */
    Component render(PersonFile file);
}
