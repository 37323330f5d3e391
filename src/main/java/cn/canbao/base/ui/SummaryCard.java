package cn.canbao.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A summary card: a label over a figure (theme class {@code canbao-card}). */
public final class SummaryCard extends Div {

    public SummaryCard(String label, String value) {
        super(new Span(label), new Span(value));
        addClassNames("canbao-card");
    }

    /** A card with an id, for tests and links. */
    public static SummaryCard of(String label, String value, String id) {
        SummaryCard card = new SummaryCard(label, value);
        card.setId(id);
        return card;
    }
}
