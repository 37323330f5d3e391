package cn.canbao;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Canbao: the 全民参保 outreach campaign system of a county insurance bureau. */
@SpringBootApplication
@Theme("canbao")
public class CanbaoApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(CanbaoApplication.class, args);
    }

    /** Every Vaadin page links the favicon (a white cross on the theme's blue, META-INF/resources/favicon.ico). */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", "favicon.ico", "16x16 32x32 48x48");
    }
}
