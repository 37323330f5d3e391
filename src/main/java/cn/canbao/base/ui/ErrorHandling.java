package cn.canbao.base.ui;

import cn.canbao.base.DomainException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Errors reach users as a message in their language: refusals of the domain say what is wrong,
 * access denials say so, and anything unexpected gets a reference the log also carries.
 */
@Component
class ErrorHandling implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource()
                .addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
                    Throwable cause = error.getThrowable();
                    while (cause.getCause() != null
                            && !(cause instanceof DomainException)
                            && !(cause instanceof AccessDeniedException)) {
                        cause = cause.getCause();
                    }
                    UI ui = UI.getCurrent();
                    if (ui == null) {
                        log.error("Error outside a UI", error.getThrowable());
                        return;
                    }
                    show(ui, cause);
                }));
    }

    static void show(UI ui, Throwable cause) {
        String text;
        if (cause instanceof DomainException domain) {
            text = Messages.of(ui, domain);
            log.info("Refused: {}", domain.getMessage());
        } else if (cause instanceof AccessDeniedException) {
            text = ui.getTranslation("error.accessDenied");
            log.warn("Access denied: {}", cause.getMessage());
        } else {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            text = ui.getTranslation("error.unexpected", reference);
            log.error("Unexpected error [{}]", reference, cause);
        }
        Messages.showError(text);
    }
}
