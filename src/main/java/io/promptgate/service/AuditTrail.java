package io.promptgate.service;

import io.promptgate.store.AuditEventEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.SessionFactory;

/**
 * The audit trail: who changed what and when. Changes record their event inside their own
 * transaction ({@link AuditLog}); this records events that stand alone (logins, refusals) and
 * reads the trail. Events never hold a secret.
 */
public final class AuditTrail {
    private final SessionFactory sessions;

    public AuditTrail(SessionFactory sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** One event in its own transaction (an insert only: no read first, so no write lock needed). */
    public void record(String actor, String action, String target, String detail) {
        sessions.inTransaction(session -> AuditLog.record(session, actor, action, target, detail));
    }

    /** Events newest first, filtered by time range, actor and action (each optional). */
    public Page<AuditEvent> list(Filter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.from() != null) {
            where.append(" and e.time >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and e.time < :to");
            parameters.put("to", filter.to());
        }
        if (filter.actor() != null) {
            where.append(" and e.actor = :actor");
            parameters.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            where.append(" and e.action = :action");
            parameters.put("action", filter.action());
        }
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            var count = session.createSelectionQuery("select count(e) from AuditEventEntity e" + where, Long.class);
            var select = session.createSelectionQuery("from AuditEventEntity e" + where + " order by e.time desc, e.id desc",
                    AuditEventEntity.class);
            parameters.forEach((name, value) -> {
                count.setParameter(name, value);
                select.setParameter(name, value);
            });
            long total = count.getSingleResult();
            List<AuditEvent> events = new ArrayList<>();
            for (AuditEventEntity e : select.setFirstResult(offset).setMaxResults(limit).getResultList()) {
                events.add(new AuditEvent(e.getId(), e.getTime(), e.getActor(), e.getAction(), e.getTarget(), e.getDetail()));
            }
            return new Page<>(events, total, limit, offset);
        });
    }

    /** What {@link #list} filters by; {@code null} fields do not filter. */
    public record Filter(Instant from, Instant to, String actor, String action) {
    }

    public record AuditEvent(long id, Instant time, String actor, String action, String target, String detail) {
    }
}
