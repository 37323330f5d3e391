package cn.canbao.base.ui;

import cn.canbao.base.DomainException;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.function.Supplier;

/**
 * A view with a translated browser-tab title: the view names its title key once, in its constructor, instead of
 * each view overriding {@link TranslatedTitle#titleKey()}.
 */
public abstract class TitledView extends VerticalLayout implements TranslatedTitle {

    private final String titleKey;

    protected TitledView(String titleKey) {
        this.titleKey = titleKey;
    }

    @Override
    public final String titleKey() {
        return titleKey;
    }

    /**
     * Builds the view for the record its route names; when the route's id is not a number the heading says
     * {@code notFound} instead, when the service refuses the heading says why.
     */
    protected void showRoute(Runnable show, Supplier<String> notFound) {
        try {
            show.run();
        } catch (NumberFormatException e) {
            add(new H2(notFound.get()));
        } catch (DomainException refused) {
            add(new H2(Messages.of(this, refused)));
        }
    }
}
