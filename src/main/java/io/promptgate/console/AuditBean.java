package io.promptgate.console;

import io.promptgate.service.AuditTrail;
import io.promptgate.service.AuditTrail.AuditEvent;
import io.promptgate.service.Page;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The audit trail (administrators): who changed what and when, newest first, within the global time range. */
@Named
@ViewScoped
public class AuditBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleServices console;
    @Inject
    ConsolePreferences preferences;

    private String actor;
    private String action;
    private final LazyDataModel<AuditEvent> events = new Events();

    private AuditTrail.Filter filter() {
        TimeWindow window = preferences.window(console.services().settings().admin());
        return new AuditTrail.Filter(window.from(), window.to(), TextLists.blankToNull(actor), TextLists.blankToNull(action));
    }

    /** One page of events at a time. */
    private final class Events extends LazyDataModel<AuditEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, console.services().audit().list(filter(), 1, 0).total());
        }

        @Override
        public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return console.services().audit().list(filter(), Page.limit(pageSize), Page.offset(first)).items();
        }

        @Override
        public String getRowKey(AuditEvent event) {
            return Long.toString(event.id());
        }
    }

    public LazyDataModel<AuditEvent> getEvents() {
        return events;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }
}
