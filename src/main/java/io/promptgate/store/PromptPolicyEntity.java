package io.promptgate.store;

import io.promptgate.core.PolicyMode;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code prompt_policies}: a system prompt routes can inject. */
@Entity
@Table(name = "prompt_policies")
public class PromptPolicyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, unique = true, length = 100)
    private String name;

    @Convert(converter = PolicyModeConverter.class)
    @Column(name = "mode", nullable = false, length = 16)
    private PolicyMode mode;

    @Column(name = "text", nullable = false)
    private String text;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PromptPolicyEntity() {
    }

    public PromptPolicyEntity(String name, Instant now) {
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public PolicyMode getMode() {
        return mode;
    }

    public void setMode(PolicyMode mode) {
        this.mode = mode;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return "PromptPolicyEntity[" + id + ", " + name + ", " + (mode == null ? null : mode.wireName()) + "]";
    }
}
