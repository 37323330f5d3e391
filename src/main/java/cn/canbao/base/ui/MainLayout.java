package cn.canbao.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The shell around every view: the navigation built from the views' {@code @Menu} entries (only
 * those the user may open), who is logged in and where, the language switch and logout.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    MainLayout(AuthenticationContext auth, ObjectProvider<UserPreferences> preferences) {
        setPrimarySection(Section.DRAWER);
        Span title = new Span(getTranslation("app.title"));
        title.addClassNames("canbao-app-title");
        VerticalLayout drawer = new VerticalLayout(title, navigation());
        drawer.setPadding(true);
        addToDrawer(drawer);

        HorizontalLayout header = new HorizontalLayout();
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.addClassNames("canbao-header");
        header.add(new DrawerToggle());
        Span spacer = new Span();
        header.addAndExpand(spacer);
        auth.getAuthenticatedUser(ShellUser.class).ifPresent(user -> {
            String roles = Messages.list(
                    this,
                    user.roleMessageKeys().stream().map(this::getTranslation).toList());
            Span who = new Span(user.displayName() + " · " + user.regionName() + " · " + roles);
            who.setId("current-user");
            who.addClassNames("canbao-current-user");
            header.add(who);
        });
        header.add(new LanguageSwitch(java.util.Optional.ofNullable(preferences.getIfAvailable())));
        Button logout = new Button(getTranslation("action.logout"), e -> auth.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");
        header.add(logout);
        addToNavbar(true, header);
    }

    private SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("main-navigation");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null && !entry.icon().isBlank()) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        return nav;
    }
}
