package io.promptgate.store;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Row of {@code providers}: an upstream with its exits, limits, timeouts and sealed keys. */
@Entity
@Table(name = "providers")
public class ProviderEntity extends TimestampedEntity {
    @Column(name = "name", nullable = false, unique = true, length = 100)
    private String name;

    @Column(name = "openai_base_url", length = 2048)
    private String openaiBaseUrl;

    @Column(name = "anthropic_base_url", length = 2048)
    private String anthropicBaseUrl;

    @Convert(converter = StringListJsonConverter.class)
    @Column(name = "models", nullable = false)
    private List<String> models = List.of();

    /** 0 means no provider-level limit. */
    @Column(name = "concurrency", nullable = false)
    private int concurrency;

    @Column(name = "queue_size", nullable = false)
    private int queueSize;

    /** {@code null} for the timeouts and this cap means the gateway default. */
    @Column(name = "max_output_tokens")
    private Integer maxOutputTokens;

    @Column(name = "connect_timeout_ms")
    private Long connectTimeoutMs;

    @Column(name = "first_byte_timeout_ms")
    private Long firstByteTimeoutMs;

    @Column(name = "idle_timeout_ms")
    private Long idleTimeoutMs;

    @OneToMany(mappedBy = "provider", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<UpstreamKeyEntity> upstreamKeys = new ArrayList<>();

    protected ProviderEntity() {
    }

    public ProviderEntity(String name, Instant now) {
        super(now);
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getOpenaiBaseUrl() {
        return openaiBaseUrl;
    }

    public void setOpenaiBaseUrl(String openaiBaseUrl) {
        this.openaiBaseUrl = openaiBaseUrl;
    }

    public String getAnthropicBaseUrl() {
        return anthropicBaseUrl;
    }

    public void setAnthropicBaseUrl(String anthropicBaseUrl) {
        this.anthropicBaseUrl = anthropicBaseUrl;
    }

    public List<String> getModels() {
        return models;
    }

    public void setModels(List<String> models) {
        this.models = List.copyOf(models);
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getQueueSize() {
        return queueSize;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public Integer getMaxOutputTokens() {
        return maxOutputTokens;
    }

    public void setMaxOutputTokens(Integer maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }

    public Long getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    public void setConnectTimeoutMs(Long connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    public Long getFirstByteTimeoutMs() {
        return firstByteTimeoutMs;
    }

    public void setFirstByteTimeoutMs(Long firstByteTimeoutMs) {
        this.firstByteTimeoutMs = firstByteTimeoutMs;
    }

    public Long getIdleTimeoutMs() {
        return idleTimeoutMs;
    }

    public void setIdleTimeoutMs(Long idleTimeoutMs) {
        this.idleTimeoutMs = idleTimeoutMs;
    }

    /** The sealed upstream keys in round-robin order; add and remove through this list. */
    public List<UpstreamKeyEntity> getUpstreamKeys() {
        return upstreamKeys;
    }

    @Override
    public String toString() {
        return "ProviderEntity[" + getId() + ", " + name + "]";
    }
}
