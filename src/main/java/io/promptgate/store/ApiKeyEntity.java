package io.promptgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code api_keys}: a gateway key, known only by its SHA-256 and display prefix. */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private UserEntity user;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "prefix", nullable = false, length = 16)
    private String prefix;

    /** Lower-case hex SHA-256 of the whole key. */
    @Column(name = "key_hash", nullable = false, unique = true, length = 64)
    private String keyHash;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    /** Per-key concurrency limit; 0 means none. */
    @Column(name = "concurrency", nullable = false)
    private int concurrency;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApiKeyEntity() {
    }

    public ApiKeyEntity(UserEntity user, String name, String prefix, String keyHash, Instant now) {
        this.user = user;
        this.name = name;
        this.prefix = prefix;
        this.keyHash = keyHash;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public UserEntity getUser() {
        return user;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public String getKeyHash() {
        return keyHash;
    }

    /** Replaces the key (rotation): its prefix and hash change together. */
    public void setKey(String prefix, String keyHash) {
        this.prefix = prefix;
        this.keyHash = keyHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Instant lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    @Override
    public String toString() {
        return "ApiKeyEntity[" + id + ", " + name + ", " + prefix + "]";
    }
}
