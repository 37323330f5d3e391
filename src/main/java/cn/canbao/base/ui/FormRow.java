package cn.canbao.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;

/** A row of a form's fields and its button: wrapped on a narrow screen, aligned on the text's baseline, spaced. */
public final class FormRow {

    private FormRow() {}

    public static FlexLayout of(Component... parts) {
        FlexLayout row = new FlexLayout(parts);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.setAlignItems(Alignment.BASELINE);
        row.getStyle().set("gap", "var(--lumo-space-m)");
        return row;
    }
}
