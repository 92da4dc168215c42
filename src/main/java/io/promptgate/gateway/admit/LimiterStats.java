package io.promptgate.gateway.admit;

/** What one limiter shows to monitoring (a JMX MBean interface: getters only). */
public interface LimiterStats {
    String getLevel();
    String getName();
    int getLimit();
    int getQueueCapacity();
    /** Requests holding a permit of this limiter now. */
    int getInFlight();
    /** Requests waiting in this limiter's queue now. */
    int getQueued();
    long getAdmitted();
    long getRejected();
    long getTimeouts();
    long getCancellations();
    long getFallbacks();
    /**
     * Permits this node granted on its own count because the cluster's permit store could not be
     * reached (always 0 without one): non-zero means the cluster-wide limit was not enforced.
     */
    long getLocalGrants();
}
