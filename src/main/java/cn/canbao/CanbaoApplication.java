package cn.canbao;

import com.vaadin.flow.component.page.AppShellConfigurator;
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
}
