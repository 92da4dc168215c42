package io.promptgate.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.promptgate.ops.ActionEvent;
import io.promptgate.ops.LiveFeed;
import io.promptgate.security.JsonErrors;
import io.promptgate.service.Caller;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The action log for the console, behind the admin API's login (the Shiro filter on {@code /api/*}
 * leaves the {@link Caller}): {@code GET /api/logs/stream} is the live feed as Server-Sent Events
 * (the recent history first, oldest first, then live events; a heartbeat comment every 15 s),
 * {@code GET /api/logs/recent?limit=n} the history as JSON. Users see only their own requests'
 * events, administrators everything.
 */
public class ActionFeedServlet extends HttpServlet {
    /** Servlet context attribute holding the {@link LiveFeed}. */
    public static final String FEED_ATTRIBUTE = LiveFeed.class.getName();
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** A reader whose queue stays full this long without taking a byte is disconnected. */
    static final Duration STALL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<SseFeedWriter> writers = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;

    @Override
    public void init() throws ServletException {
        // one thread writes every subscriber: writes never block, so one is enough
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "promptgate-feed");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller c ? c : null;
        LiveFeed feed = getServletContext().getAttribute(FEED_ATTRIBUTE) instanceof LiveFeed f ? f : null;
        if (caller == null) {
            JsonErrors.write(response, 401, "unauthenticated", "Log in first");
            return;
        }
        if (feed == null) {
            JsonErrors.write(response, 503, "unavailable", "The action log is not running");
            return;
        }
        String path = request.getServletPath();
        if (path.endsWith("/recent")) {
            recent(request, response, feed, caller);
        } else {
            stream(request, response, feed, caller);
        }
    }

    private static void recent(HttpServletRequest request, HttpServletResponse response, LiveFeed feed, Caller caller)
            throws IOException {
        int limit;
        try {
            String text = request.getParameter("limit");
            limit = text == null ? 200 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 100_000) {
            JsonErrors.write(response, 400, "invalid", "limit: must be an integer between 1 and 100000");
            return;
        }
        List<Map<String, Object>> events = feed.recent(caller.username(), caller.admin(), limit).stream()
                .map(SseFeedWriter::json).toList();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), Map.of("events", events));
    }

    private void stream(HttpServletRequest request, HttpServletResponse response, LiveFeed feed, Caller caller)
            throws IOException {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        SseFeedWriter writer = new SseFeedWriter(async, response.getOutputStream(), executor, writers::remove);
        writers.add(writer);
        writer.start(feed.open(caller.username(), caller.admin(), lastEventId(request), writer::signal));
    }

    /** The SSE {@code Last-Event-ID} a reconnecting client sends: only newer history is replayed. */
    private static long lastEventId(HttpServletRequest request) {
        try {
            String id = request.getHeader("Last-Event-ID");
            return id == null ? 0 : Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void heartbeat() {
        for (SseFeedWriter writer : writers) {
            if (writer.stalled(STALL)) {
                writer.close();
            } else {
                writer.heartbeat();
            }
        }
    }

    @Override
    public void destroy() {
        writers.forEach(SseFeedWriter::close);
        executor.shutdownNow();
    }
}
