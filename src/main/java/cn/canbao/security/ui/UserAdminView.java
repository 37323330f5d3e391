package cn.canbao.security.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.Texts;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import cn.canbao.security.NewUser;
import cn.canbao.security.Role;
import cn.canbao.security.UserAccount;
import cn.canbao.security.UserService;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumSet;
import java.util.stream.Collectors;

/**
 * Administrators and clerks manage the users of their own subtree. The screen offers only what
 * {@link UserService} allows (the actions on users below the caller, the roles the caller may grant at the
 * chosen region); the service enforces it whatever the screen shows.
 */
@Route("users")
@Menu(title = "menu.users", order = 90, icon = "vaadin:users")
@RolesAllowed({"ADMIN", "CLERK"})
class UserAdminView extends TitledView {

    private final UserService users;
    private final RegionService regions;
    private final Grid<UserAccount> grid = new Grid<>();
    private final TextField filter = new TextField();

    UserAdminView(UserService users, RegionService regions) {
        super("title.userAdmin");
        this.users = users;
        this.regions = regions;
        setSizeFull();

        filter.setPlaceholder(getTranslation("users.filter"));
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setClearButtonVisible(true);
        filter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        Button create = new Button(getTranslation("users.create"), VaadinIcon.PLUS.create(), e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-user");
        HorizontalLayout bar = new HorizontalLayout(filter, create);
        bar.setWidthFull();
        filter.setWidthFull();

        grid.addColumn(UserAccount::username)
                .setHeader(getTranslation("users.username"))
                .setAutoWidth(true);
        grid.addColumn(UserAccount::displayName)
                .setHeader(getTranslation("users.displayName"))
                .setAutoWidth(true);
        grid.addColumn(u -> u.regionName() + (u.regionRevoked() ? " " + getTranslation("region.revoked") : ""))
                .setHeader(getTranslation("users.region"))
                .setAutoWidth(true);
        grid.addColumn(u -> u.roles().stream()
                        .map(r -> getTranslation(r.messageKey()))
                        .collect(Collectors.joining(getTranslation("text.listSeparator"))))
                .setHeader(getTranslation("users.roles"))
                .setAutoWidth(true);
        grid.addColumn(u -> getTranslation(u.enabled() ? "users.enabled" : "users.disabled"))
                .setHeader(getTranslation("users.status"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions)
                .setHeader(getTranslation("users.actions"))
                .setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(
                query -> users.list(filter.getValue(), query.getOffset(), query.getLimit()).stream(),
                query -> users.count(filter.getValue()));
        grid.setSizeFull();

        add(new H2(getTranslation("menu.users")), bar, grid);
    }

    private HorizontalLayout actions(UserAccount account) {
        if (!users.mayAdminister(account)) {
            return new HorizontalLayout();
        }
        Button toggle = new Button(getTranslation(account.enabled() ? "users.disable" : "users.enable"), e -> {
            Messages.attempt(this, () -> users.setEnabled(account.username(), !account.enabled()));
            grid.getDataProvider().refreshAll();
        });
        Button reset = new Button(getTranslation("users.resetPassword"), e -> {
            Messages.attempt(this, () -> showPassword(account.username(), users.resetPassword(account.username())));
        });
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(toggle, reset);
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("users.create"));
        TextField username = new TextField(getTranslation("users.username"));
        username.setHelperText(getTranslation("users.usernameHelp"));
        TextField displayName = new TextField(getTranslation("users.displayName"));
        ComboBox<Region> region = new ComboBox<>(getTranslation("users.region"));
        region.setItems(
                query -> regions.search(query.getFilter().orElse(""), query.getLimit() + query.getOffset()).stream()
                        .skip(query.getOffset()));
        region.setItemLabelGenerator(r -> r.name() + " (" + r.code() + ")");
        CheckboxGroup<Role> roles = new CheckboxGroup<>(getTranslation("users.roles"));
        roles.setItemLabelGenerator(r -> getTranslation(r.messageKey()));
        // only the roles the caller may grant at the chosen region
        region.addValueChangeListener(e -> roles.setItems(
                e.getValue() == null
                        ? EnumSet.noneOf(Role.class)
                        : users.grantableRoles(e.getValue().code())));
        TextField phone = new TextField(getTranslation("users.phone"));
        FormLayout form = new FormLayout(username, displayName, region, roles, phone);
        dialog.add(form);
        Button save = new Button(getTranslation("action.save"), e -> {
            String password = UserService.randomPassword();
            try {
                users.create(new NewUser(
                        username.getValue().trim(),
                        displayName.getValue(),
                        region.getValue() == null ? "" : region.getValue().code(),
                        roles.getValue(),
                        Texts.trimToNull(phone.getValue()),
                        password));
            } catch (DomainException refused) {
                Messages.showError(this, refused);
                return;
            }
            dialog.close();
            grid.getDataProvider().refreshAll();
            showPassword(username.getValue().trim(), password);
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private void showPassword(String username, String password) {
        Dialog shown = new Dialog();
        shown.setHeaderTitle(getTranslation("users.passwordTitle", username));
        Span value = new Span(password);
        value.setId("initial-password");
        value.getStyle().set("font-family", "monospace").set("font-size", "1.3em");
        shown.add(new VerticalLayout(new Text(getTranslation("users.passwordOnce")), value));
        shown.getFooter().add(new Button(getTranslation("action.close"), e -> shown.close()));
        shown.open();
    }
}
