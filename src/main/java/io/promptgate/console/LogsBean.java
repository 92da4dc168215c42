package io.promptgate.console;

import io.promptgate.service.RequestLogService.Filter;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Live logs: the request-record search (filters, paging, within the global time range) and the
 * address of the live action-log feed the page subscribes to in the browser.
 */
@Named
@ViewScoped
public class LogsBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleServices console;
    @Inject
    CurrentCaller caller;
    @Inject
    ConsolePreferences preferences;

    private String user;
    private String route;
    private String provider;
    private String model;
    private String status;
    private RequestRecordsModel records;

    @PostConstruct
    void init() {
        records = new RequestRecordsModel(console, caller, this::filter);
    }

    Filter filter() {
        TimeWindow window = preferences.window(console.services().settings().admin());
        return new Filter(window.from(), window.to(), TextLists.blankToNull(user), null, TextLists.blankToNull(route),
                TextLists.blankToNull(provider), TextLists.blankToNull(model), TextLists.blankToNull(status));
    }

    public RequestRecordsModel getRecords() {
        return records;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getRoute() {
        return route;
    }

    public void setRoute(String route) {
        this.route = route;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
