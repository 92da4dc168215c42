package io.promptgate.store;

import io.promptgate.core.PolicyMode;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code prompt_policies}: a system prompt routes can inject. */
@Entity
@Table(name = "prompt_policies")
public class PromptPolicyEntity extends TimestampedEntity {
    @Column(name = "name", nullable = false, unique = true, length = 100)
    private String name;

    @Convert(converter = PolicyModeConverter.class)
    @Column(name = "mode", nullable = false, length = 16)
    private PolicyMode mode;

    @Column(name = "text", nullable = false)
    private String text;

    protected PromptPolicyEntity() {
    }

    public PromptPolicyEntity(String name, Instant now) {
        super(now);
        this.name = name;
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

    @Override
    public String toString() {
        return "PromptPolicyEntity[" + getId() + ", " + name + ", " + (mode == null ? null : mode.wireName()) + "]";
    }
}
