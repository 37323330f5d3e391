package cn.canbao.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.HasDynamicTitle;

/**
 * The browser tab's title in the user's language ({@code @PageTitle} takes a finished text only): the view's title
 * key and the application's name, "扩面行动 · 参保通". Implemented by views, which are components.
 */
public interface TranslatedTitle extends HasDynamicTitle {

    /** The message key of the view's title. */
    String titleKey();

    @Override
    default String getPageTitle() {
        Component view = (Component) this;
        return view.getTranslation(titleKey()) + " · " + view.getTranslation("app.title");
    }
}
