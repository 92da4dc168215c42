package io.promptgate.gateway.forward;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The shared outbound HTTP clients: one per distinct connect timeout (the JDK client holds that
 * setting), never one per request. Redirects are never followed.
 */
public final class UpstreamClients implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UpstreamClients.class.getName());
    private final Map<Duration, HttpClient> byConnectTimeout = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    public UpstreamClients() {
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "promptgate-upstream-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        warnIfCommonPoolDisabled();
    }

    /**
     * The JDK client completes every {@code sendAsync} through the common ForkJoinPool; with fewer
     * than 2 pool threads the JDK starts a new thread for each completion instead.
     */
    private static void warnIfCommonPoolDisabled() {
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            LOG.warning("The common ForkJoinPool has " + ForkJoinPool.getCommonPoolParallelism()
                    + " thread(s): every upstream call will start a new thread. Start the JVM with"
                    + " -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 (tomcat-conf/setenv.sh does on"
                    + " machines with fewer than 3 CPUs).");
        }
    }

    public HttpClient forConnectTimeout(Duration connectTimeout) {
        return byConnectTimeout.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        byConnectTimeout.clear();
    }
}
