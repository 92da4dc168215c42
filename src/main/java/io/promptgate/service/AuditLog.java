package io.promptgate.service;

import io.promptgate.store.AuditEventEntity;
import java.time.Instant;
import org.hibernate.Session;

/** Appends audit events inside the caller's transaction. Callers pass no secrets. */
public final class AuditLog {
    /** Actor of changes made by the gateway itself (first start, start-up config file). */
    public static final String SYSTEM = "system";
    private static final int MAX_DETAIL = 4000;

    private AuditLog() {
    }

    public static void record(Session session, String actor, String action, String target, String detail) {
        String trimmed = detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 1) + "…" : detail;
        session.persist(new AuditEventEntity(Instant.now(), actor, action, target, trimmed));
    }
}
