package io.promptgate.service;

import io.promptgate.service.AuditTrail.AuditEvent;
import io.promptgate.store.AuditEventEntity;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Hands every audit event to a listener once its transaction has committed (a change that rolls
 * back is never reported). Every audited change goes through {@link AuditLog}, so this is the one
 * place that sees them all: the action log's key, login and configuration lines come from here.
 */
public final class AuditEvents {
    private static final Logger LOG = Logger.getLogger(AuditEvents.class.getName());

    private AuditEvents() {
    }

    /** Registers {@code listener} for the audit events committed through {@code sessions} from now on. */
    public static void listen(SessionFactory sessions, Consumer<AuditEvent> listener) {
        sessions.unwrap(SessionFactoryImplementor.class).getEventListenerRegistry()
                .appendListeners(EventType.POST_COMMIT_INSERT, new Committed(listener));
    }

    private record Committed(Consumer<AuditEvent> listener) implements PostCommitInsertEventListener {
        @Override
        public void onPostInsert(PostInsertEvent event) {
            if (event.getEntity() instanceof AuditEventEntity e) {
                try {
                    listener.accept(new AuditEvent(e.getId() == null ? 0 : e.getId(), e.getTime(), e.getActor(), e.getAction(),
                            e.getTarget(), e.getDetail()));
                } catch (RuntimeException failure) {
                    LOG.log(Level.WARNING, "an audit event listener failed", failure);
                }
            }
        }

        @Override
        public void onPostInsertCommitFailed(PostInsertEvent event) {
            // rolled back: nothing happened, nothing to report
        }

        @Override
        public boolean requiresPostCommitHandling(EntityPersister persister) {
            return persister.getMappedClass() == AuditEventEntity.class;
        }
    }
}
