package io.promptgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code audit_events}: who changed what, when. Never holds a secret. */
@Entity
@Table(name = "audit_events")
public class AuditEventEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "time", nullable = false)
    private Instant time;

    @Column(name = "actor", nullable = false, length = 100)
    private String actor;

    @Column(name = "action", nullable = false, length = 64)
    private String action;

    @Column(name = "target")
    private String target;

    @Column(name = "detail")
    private String detail;

    protected AuditEventEntity() {
    }

    public AuditEventEntity(Instant time, String actor, String action, String target, String detail) {
        this.time = time;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.detail = detail;
    }

    public Long getId() {
        return id;
    }

    public Instant getTime() {
        return time;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getDetail() {
        return detail;
    }

    @Override
    public String toString() {
        return "AuditEventEntity[" + id + ", " + actor + " " + action + " " + target + "]";
    }
}
