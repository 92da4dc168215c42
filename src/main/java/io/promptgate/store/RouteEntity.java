package io.promptgate.store;

import io.promptgate.core.Protocol;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code routes}: host + path + protocol to a provider and model. */
@Entity
@Table(name = "routes")
public class RouteEntity extends TimestampedEntity {
    @Column(name = "name", nullable = false, unique = true, length = 100)
    private String name;

    /** Lower-case host, {@code *.suffix}, or {@code *} for any host; never null. */
    @Column(name = "host", nullable = false)
    private String host = "*";

    @Column(name = "path", nullable = false, length = 1024)
    private String path;

    @Convert(converter = ProtocolConverter.class)
    @Column(name = "protocol", nullable = false, length = 16)
    private Protocol protocol;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "provider_id", nullable = false)
    private ProviderEntity provider;

    @Column(name = "model", nullable = false)
    private String model;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "policy_id")
    private PromptPolicyEntity policy;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "fallback_provider_id")
    private ProviderEntity fallbackProvider;

    @Column(name = "fallback_model")
    private String fallbackModel;

    protected RouteEntity() {
    }

    public RouteEntity(String name, Instant now) {
        super(now);
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Protocol getProtocol() {
        return protocol;
    }

    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    public ProviderEntity getProvider() {
        return provider;
    }

    public void setProvider(ProviderEntity provider) {
        this.provider = provider;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public PromptPolicyEntity getPolicy() {
        return policy;
    }

    public void setPolicy(PromptPolicyEntity policy) {
        this.policy = policy;
    }

    public ProviderEntity getFallbackProvider() {
        return fallbackProvider;
    }

    public void setFallbackProvider(ProviderEntity fallbackProvider) {
        this.fallbackProvider = fallbackProvider;
    }

    public String getFallbackModel() {
        return fallbackModel;
    }

    public void setFallbackModel(String fallbackModel) {
        this.fallbackModel = fallbackModel;
    }

    @Override
    public String toString() {
        return "RouteEntity[" + getId() + ", " + name + ", " + host + " " + path + "]";
    }
}
