package io.promptgate.console;

import io.promptgate.service.AdminSettings;
import io.promptgate.service.AnalyticsService;
import io.promptgate.service.AnalyticsService.Group;
import io.promptgate.service.AnalyticsService.Metrics;
import io.promptgate.service.AnalyticsService.Query;
import io.promptgate.service.AnalyticsService.Report;
import io.promptgate.service.Caller;
import io.promptgate.service.ServiceException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard: totals, a chart over time and breakdowns by user, route, provider and model, for
 * the global time range. The analytics service limits a user to their own traffic.
 */
@Named
@ViewScoped
public class DashboardBean implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Metrics NOTHING = new Metrics(0, 0, 0, 0, null, null, 0);
    /** Breakdown tables, in page order: the group-by value and the bundle key of its heading. */
    private static final Map<String, String> BREAKDOWNS = orderedBreakdowns();

    @Inject
    ConsoleServices console;
    @Inject
    CurrentCaller caller;
    @Inject
    ConsolePreferences preferences;

    private transient Metrics totals = NOTHING;
    private transient Map<String, List<Group>> breakdowns = new LinkedHashMap<>();
    private String chartJson = "";
    private TimeWindow window;

    @PostConstruct
    void load() {
        AdminSettings settings = console.services().settings().admin();
        AnalyticsService analytics = console.services().analytics();
        Caller who = caller.get();
        window = preferences.window(settings);
        String bucket = TimeRange.bucketFor(window);
        try {
            Report overall = analytics.report(who, query("none", bucket));
            totals = overall.totals();
            chartJson = UsageChart.of(overall.series(), settings.zone(), bucket.equals("hour"), ConsoleMessages.text("dashboard.requests"),
                    ConsoleMessages.text("dashboard.tokens"));
            for (String groupBy : BREAKDOWNS.keySet()) {
                breakdowns.put(groupBy, analytics.report(who, query(groupBy, "none")).groups());
            }
        } catch (ServiceException e) {
            ConsoleMessages.refused(e, null);
        }
    }

    private Query query(String groupBy, String bucket) {
        return new Query(window.from(), window.to(), groupBy, bucket, null, null, null, null, null);
    }

    private static Map<String, String> orderedBreakdowns() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("user", "dashboard.byUser");
        map.put("route", "dashboard.byRoute");
        map.put("provider", "dashboard.byProvider");
        map.put("model", "dashboard.byModel");
        return map;
    }

    public Metrics getTotals() {
        return totals == null ? NOTHING : totals;
    }

    public double getErrorRate() {
        Metrics m = getTotals();
        return m.requests() == 0 ? 0 : (double) m.errors() / m.requests();
    }

    public List<String> getBreakdownKeys() {
        return List.copyOf(BREAKDOWNS.keySet());
    }

    public String headingKey(String groupBy) {
        return BREAKDOWNS.get(groupBy);
    }

    public List<Group> breakdown(String groupBy) {
        return breakdowns == null ? List.of() : breakdowns.getOrDefault(groupBy, List.of());
    }

    public String getChartJson() {
        return chartJson;
    }

    public TimeWindow getWindow() {
        return window;
    }
}
