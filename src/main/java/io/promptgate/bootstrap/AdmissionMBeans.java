package io.promptgate.bootstrap;

import io.promptgate.gateway.admit.LimiterStats;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Publishes every concurrency limiter as an MBean in the {@code promptgate} domain, e.g.
 * {@code promptgate:type=Admission,context=ROOT,level=provider,name="qwen"}, so the app server's
 * own monitoring (JConsole, VisualVM, a JMX exporter) sees in-flight, queued and the counters.
 */
final class AdmissionMBeans implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AdmissionMBeans.class.getName());
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String context;
    private final List<ObjectName> registered = new CopyOnWriteArrayList<>();

    AdmissionMBeans(String contextPath) {
        this.context = contextPath == null || contextPath.isEmpty() ? "ROOT" : contextPath.replace("/", "");
    }

    void register(LimiterStats stats) {
        try {
            ObjectName name = new ObjectName("promptgate:type=Admission,context=" + ObjectName.quote(context)
                    + ",level=" + stats.getLevel() + ",name=" + ObjectName.quote(stats.getName()));
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a previous deployment of this context left it behind
            }
            server.registerMBean(new StandardMBean(stats, LimiterStats.class), name);
            registered.add(name);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "could not publish limiter " + stats.getLevel() + "/" + stats.getName() + " over JMX", e);
        }
    }

    @Override
    public void close() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.log(Level.FINE, "already gone: " + name, e);
            }
        }
        registered.clear();
    }
}
