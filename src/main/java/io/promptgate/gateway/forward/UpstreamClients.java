package io.promptgate.gateway.forward;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.RedirectProtocolHandler;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.transport.internal.HttpConnectionOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The shared outbound HTTP clients (Jetty's, HTTP/1.1): one per distinct connect timeout (a
 * client-wide setting), never one per request, all on one small thread pool. They relay and
 * nothing more: redirects are never followed, cookies never kept, no authentication or upgrade
 * handled, no content decoded, no User-Agent of their own added.
 */
public final class UpstreamClients implements AutoCloseable {
    /** Idle pooled connections are closed after this; streams in progress have their own idle limit. */
    static final Duration POOLED_IDLE = Duration.ofSeconds(60);
    /** Selector threads per client: upstream responses are relayed on them (one per two cores). */
    static final int SELECTORS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final Map<Duration, HttpClient> byConnectTimeout = new ConcurrentHashMap<>();
    private final QueuedThreadPool threads;
    private final ScheduledExecutorScheduler scheduler;

    public UpstreamClients() {
        int max = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        threads = new QueuedThreadPool(max, 2);
        threads.setName("promptgate-upstream");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        scheduler = new ScheduledExecutorScheduler("promptgate-upstream-scheduler", true);
        start(threads);
        start(scheduler);
    }

    public HttpClient forConnectTimeout(Duration connectTimeout) {
        return byConnectTimeout.computeIfAbsent(connectTimeout, this::newClient);
    }

    private HttpClient newClient(Duration connectTimeout) {
        HttpClient client = new HttpClient(new SelectorThreadTransport());
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setIdleTimeout(POOLED_IDLE.toMillis());
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        // admission bounds the concurrent calls; the client must not queue behind its own limit
        client.setMaxConnectionsPerDestination(Integer.MAX_VALUE / 2);
        client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE / 2);
        start(client);
        // start() installs these defaults; the relay passes bytes through as the upstream sent them
        client.getContentDecoderFactories().clear();
        client.getProtocolHandlers().remove(RedirectProtocolHandler.NAME);
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
        client.getProtocolHandlers().remove("upgrade"); // UpgradeProtocolHandler has no NAME constant
        return client;
    }

    private static void start(LifeCycle component) {
        try {
            component.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the upstream HTTP client", e);
        }
    }

    /**
     * HTTP/1.1 whose responses are read and relayed on the selector thread itself. Jetty would
     * otherwise treat a connection's reads as blocking and hand every response to a pool thread:
     * one thread wake-up per response. The relay's callbacks never block (non-blocking servlet
     * writes, queue offers, asynchronous sends), so they may run where the bytes arrive.
     */
    static final class SelectorThreadTransport extends HttpClientTransportOverHTTP {
        SelectorThreadTransport() {
            super(SELECTORS);
        }

        @Override
        public org.eclipse.jetty.io.Connection newConnection(EndPoint endPoint, Map<String, Object> context) {
            HttpConnectionOverHTTP connection = new HttpConnectionOverHTTP(endPoint, context) {
                @Override
                public InvocationType getInvocationType() {
                    return InvocationType.NON_BLOCKING;
                }
            };
            connection.setInitialize(isInitializeConnections());
            return customize(connection, context);
        }
    }

    @Override
    public void close() {
        byConnectTimeout.values().forEach(client -> LifeCycle.stop(client));
        byConnectTimeout.clear();
        LifeCycle.stop(scheduler);
        LifeCycle.stop(threads);
    }
}
