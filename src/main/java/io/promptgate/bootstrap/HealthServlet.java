package io.promptgate.bootstrap;

import io.promptgate.store.Database;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /healthz}: 200 with database and migration state, 503 when the database is down. */
public class HealthServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object attribute = getServletContext().getAttribute(PromptGateListener.DATABASE_ATTRIBUTE);
        String body;
        if (attribute instanceof Database database) {
            Database.Health health = database.health();
            resp.setStatus(health.up() ? 200 : 503);
            body = "{\"status\":\"" + (health.up() ? "UP" : "DOWN") + "\""
                    + ",\"database\":{\"status\":\"" + (health.up() ? "UP" : "DOWN") + "\""
                    + ",\"vendor\":\"" + database.vendor().folder() + "\"}"
                    + ",\"migrations\":{\"schemaVersion\":" + quoted(health.schemaVersion())
                    + ",\"pending\":" + health.pendingMigrations() + "}}";
        } else {
            resp.setStatus(503);
            body = "{\"status\":\"DOWN\",\"database\":{\"status\":\"NOT_STARTED\"}}";
        }
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
