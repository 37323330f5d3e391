package cn.canbao.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A page the user's role may not open: a plain answer in their language (403) with the way back, instead of
 * Vaadin's English "Could not navigate". It names no route or role, so it tells a prober nothing.
 */
@AnonymousAllowed
public class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    private static final Logger log = LoggerFactory.getLogger(AccessDeniedView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        log.info("Page refused: {}", event.getLocation().getPath());
        removeAll();
        setId("access-denied");
        addClassName("canbao-error-page");
        add(
                new H2(getTranslation("error.page.forbidden.title")),
                new Paragraph(getTranslation("error.page.forbidden.text")),
                new Anchor("", getTranslation("error.page.home")));
        return HttpStatusCode.FORBIDDEN.getCode();
    }
}
