package io.promptgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.gateway.GatewayFilter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptGateListenerTest {
    @TempDir
    Path home;

    @AfterEach
    void clear() {
        System.clearProperty("promptgate.home");
        System.clearProperty("promptgate.config");
    }

    private static ServletContext context(Map<String, Object> attributes) {
        return (ServletContext) Proxy.newProxyInstance(PromptGateListenerTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContextPath" -> "";
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    default -> null;
                });
    }

    @Test
    void aBadConfigFileStopsTheStartWithAMessageNamingTheEntry() throws Exception {
        Path config = home.resolve("bad.yaml");
        Files.writeString(config, """
                providers:
                  - name: real
                    openaiBaseUrl: http://127.0.0.1:9/v1
                routes:
                  - name: r
                    path: /v1/chat/completions
                    protocol: openai
                    provider: ghost
                    model: m
                """);
        System.setProperty("promptgate.home", home.toString());
        System.setProperty("promptgate.config", config.toString());
        StringBuilder logged = new StringBuilder();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.append(record.getMessage()).append(record.getThrown() == null ? "" : " [with stack trace]").append('\n');
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(PromptGateListener.class.getName());
        logger.addHandler(capture);
        Map<String, Object> attributes = new HashMap<>();
        try {
            assertThatThrownBy(() -> new PromptGateListener().contextInitialized(new ServletContextEvent(context(attributes))))
                    .hasMessageContaining("routes[0].provider: unknown provider 'ghost'");
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(logged.toString()).contains("PromptGate did not start").contains("routes[0].provider: unknown provider 'ghost'")
                .doesNotContain("[with stack trace]");
        assertThat(attributes).doesNotContainKey(GatewayFilter.GATEWAY_ATTRIBUTE);
    }

    @Test
    void aGoodStartPublishesTheGatewayAndStopsCleanly() throws Exception {
        System.setProperty("promptgate.home", home.toString());
        Map<String, Object> attributes = new HashMap<>();
        PromptGateListener listener = new PromptGateListener();
        ServletContext context = context(attributes);
        listener.contextInitialized(new ServletContextEvent(context));
        assertThat(attributes).containsKeys(GatewayFilter.GATEWAY_ATTRIBUTE, PromptGateListener.DATABASE_ATTRIBUTE);
        assertThat(home.resolve("promptgate.db")).exists();
        assertThat(home.resolve("secret.key")).exists();
        listener.contextDestroyed(new ServletContextEvent(context));
        assertThat(attributes).doesNotContainKey(GatewayFilter.GATEWAY_ATTRIBUTE);
    }
}
