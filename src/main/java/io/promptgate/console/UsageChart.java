package io.promptgate.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.service.AnalyticsService.Point;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The dashboard's chart over time, as the Chart.js configuration PrimeFaces' {@code p:chart} takes. */
final class UsageChart {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UsageChart() {
    }

    /**
     * Requests (left axis) and tokens in + out (right axis) per bucket.
     *
     * @param hourly whether buckets are hours (labels then show the time of day)
     */
    static String of(List<Point> series, ZoneId zone, boolean hourly, String requestsLabel, String tokensLabel) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(hourly ? "MM-dd HH:mm" : "yyyy-MM-dd").withZone(zone);
        ObjectNode config = JSON.createObjectNode();
        config.put("type", "bar");
        ObjectNode data = config.putObject("data");
        ArrayNode labels = data.putArray("labels");
        ArrayNode datasets = data.putArray("datasets");
        ObjectNode requests = datasets.addObject();
        requests.put("label", requestsLabel).put("yAxisID", "y").put("backgroundColor", "#3b82f6");
        ArrayNode requestCounts = requests.putArray("data");
        ObjectNode tokens = datasets.addObject();
        tokens.put("type", "line").put("label", tokensLabel).put("yAxisID", "y1").put("borderColor", "#f59e0b");
        ArrayNode tokenCounts = tokens.putArray("data");
        for (Point point : series) {
            labels.add(format.format(point.start()));
            requestCounts.add(point.metrics().requests());
            tokenCounts.add(point.metrics().inputTokens() + point.metrics().outputTokens());
        }
        ObjectNode options = config.putObject("options");
        options.put("maintainAspectRatio", false).put("animation", false);
        ObjectNode scales = options.putObject("scales");
        scales.putObject("y").put("beginAtZero", true).put("position", "left");
        scales.putObject("y1").put("beginAtZero", true).put("position", "right").putObject("grid").put("drawOnChartArea", false);
        return config.toString();
    }
}
