package cn.canbao.register.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.register.transfers.HouseholdTransfer;
import cn.canbao.register.transfers.HouseholdTransferService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * 户籍迁移审核: the transfer requests of the clerk's region (moves across its edge that imports held back),
 * with approve / reject and a note where the clerk is the deciding side.
 */
@Route("transfers")
@Menu(title = "menu.transfers", order = 31, icon = "vaadin:exchange")
@RolesAllowed({"ADMIN", "CLERK"})
class TransfersView extends TitledView {

    private final DateTimeFormatter time;
    /** Empty: every status. */
    private static final Optional<HouseholdTransfer.Status> ALL = Optional.empty();

    private final HouseholdTransferService transfers;
    private final Select<Optional<HouseholdTransfer.Status>> status = new Select<>();
    private final Grid<HouseholdTransfer> grid = new Grid<>();

    TransfersView(HouseholdTransferService transfers, Clock clock) {
        super("title.transfers");
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        this.transfers = transfers;
        setWidthFull();
        add(new H2(getTranslation("transfers.title")), new Paragraph(getTranslation("transfers.hint")));

        status.setLabel(getTranslation("transfers.status"));
        status.setItems(
                Optional.of(HouseholdTransfer.Status.PENDING),
                Optional.of(HouseholdTransfer.Status.APPROVED),
                Optional.of(HouseholdTransfer.Status.REJECTED),
                ALL);
        status.setItemLabelGenerator(
                s -> getTranslation("transfers.status." + s.map(Enum::name).orElse("ALL")));
        status.setValue(Optional.of(HouseholdTransfer.Status.PENDING));
        status.addValueChangeListener(e -> refresh());

        grid.setId("transfers");
        grid.setWidthFull();
        grid.addColumn(t -> t.name() + " " + t.maskedId())
                .setHeader(getTranslation("transfers.person"))
                .setAutoWidth(true);
        grid.addColumn(HouseholdTransfer::fromName)
                .setHeader(getTranslation("transfers.from"))
                .setAutoWidth(true);
        grid.addColumn(HouseholdTransfer::toName)
                .setHeader(getTranslation("transfers.to"))
                .setAutoWidth(true);
        grid.addColumn(t -> getTranslation("transfers.event." + t.event()) + " " + t.eventDate())
                .setHeader(getTranslation("transfers.event"))
                .setAutoWidth(true);
        grid.addColumn(t -> getTranslation(
                        "transfers.requestedBy",
                        String.valueOf(t.importId()),
                        t.requestedBy(),
                        time.format(t.requestedAt())))
                .setHeader(getTranslation("transfers.requested"))
                .setAutoWidth(true);
        grid.addColumn(this::state)
                .setHeader(getTranslation("transfers.status"))
                .setFlexGrow(1);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFrozenToEnd(true);
        grid.setAllRowsVisible(true);

        add(status, grid);
        refresh();
    }

    private String state(HouseholdTransfer t) {
        String text = getTranslation("transfers.status." + t.status());
        if (t.status() == HouseholdTransfer.Status.PENDING) {
            return t.decidable() ? text : text + " · " + getTranslation("transfers.waiting", t.approverName());
        }
        return text + " · " + t.decidedBy() + " " + time.format(t.decidedAt())
                + (t.note() == null ? "" : " · " + t.note());
    }

    private HorizontalLayout actions(HouseholdTransfer t) {
        HorizontalLayout buttons = new HorizontalLayout();
        if (t.decidable()) {
            Button approve = new Button(getTranslation("transfers.approve"), e -> confirm(t, true));
            approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            approve.setId("transfer-approve-" + t.id());
            Button reject = new Button(getTranslation("transfers.reject"), e -> confirm(t, false));
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            reject.setId("transfer-reject-" + t.id());
            buttons.add(approve, reject);
        }
        return buttons;
    }

    private void confirm(HouseholdTransfer t, boolean approve) {
        Dialog dialog = new Dialog(getTranslation(
                approve ? "transfers.approveTitle" : "transfers.rejectTitle",
                t.name(),
                t.maskedId(),
                t.fromName(),
                t.toName()));
        TextArea note = new TextArea(getTranslation("transfers.note"));
        note.setMaxLength(HouseholdTransferService.NOTE_LENGTH);
        note.setWidthFull();
        note.setRequired(!approve);
        note.setId("transfer-note");
        Button done = new Button(getTranslation(approve ? "transfers.approve" : "transfers.reject"), e -> {
            Messages.attempt(this, () -> {
                if (approve) {
                    transfers.approve(t.id(), note.getValue());
                } else {
                    transfers.reject(t.id(), note.getValue());
                }
                dialog.close();
                Messages.showSuccess(getTranslation("transfers.done"));
                refresh();
            });
        });
        done.addThemeVariants(approve ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_ERROR);
        done.setId("transfer-confirm");
        dialog.add(new VerticalLayout(note));
        dialog.getFooter().add(new Button(getTranslation("transfers.cancel"), e -> dialog.close()), done);
        dialog.open();
    }

    private void refresh() {
        grid.setItems(transfers.list(status.getValue().orElse(null), 500));
    }
}
