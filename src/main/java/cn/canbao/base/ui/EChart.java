package cn.canbao.base.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;

/**
 * An Apache ECharts chart (free, from npm) rendering an option object built on the server.
 * Vaadin Charts is commercial; this small wrapper is all the charting Canbao needs.
 */
@Tag("canbao-echart")
@NpmPackage(value = "echarts", version = "5.6.0")
@JsModule("./components/canbao-echart.js")
public class EChart extends com.vaadin.flow.component.Component implements HasSize {

    private static final ObjectMapper JSON = new ObjectMapper();

    public EChart() {
        setWidthFull();
        setHeight("320px");
    }

    /** Sets the ECharts option (maps, lists and numbers; serialised to JSON). */
    public void setOption(Object option) {
        try {
            getElement().setAttribute("option", JSON.writeValueAsString(option));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chart option is not serialisable", e);
        }
    }

    public Registration addClickListener(ComponentEventListener<ClickEvent> listener) {
        return addListener(ClickEvent.class, listener);
    }

    /** A click on a bar, slice or point: carries the data item's name (e.g. a region name). */
    @DomEvent("chart-click")
    public static class ClickEvent extends ComponentEvent<EChart> {
        private final String name;

        public ClickEvent(EChart source, boolean fromClient, @EventData("event.detail.name") String name) {
            super(source, fromClient);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }
}
