package io.promptgate.console;

import io.promptgate.config.ConfigDocument.ProviderSpec;
import io.promptgate.service.ProviderService.ProviderView;
import java.io.Serializable;
import java.util.List;

/**
 * The provider being created or edited. Upstream keys are write-only: the form starts with none,
 * shows the stored keys' hints beside the field, and keeps the stored keys unless new ones are typed.
 */
public class ProviderForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private String originalName;
    private String name;
    private String openaiBaseUrl;
    private String anthropicBaseUrl;
    private String newApiKeys;
    private String models;
    private Integer concurrency;
    private Integer queue;
    private Integer maxOutputTokens;
    private Long connectTimeoutMs;
    private Long firstByteTimeoutMs;
    private Long idleTimeoutMs;
    private List<String> keyHints = List.of();

    static ProviderForm empty() {
        return new ProviderForm();
    }

    static ProviderForm of(ProviderView p) {
        ProviderForm f = new ProviderForm();
        f.originalName = p.name();
        f.name = p.name();
        f.openaiBaseUrl = p.openaiBaseUrl();
        f.anthropicBaseUrl = p.anthropicBaseUrl();
        f.models = TextLists.join(p.models());
        f.concurrency = p.concurrency();
        f.queue = p.queue();
        f.maxOutputTokens = p.maxOutputTokens();
        f.connectTimeoutMs = p.connectTimeoutMs();
        f.firstByteTimeoutMs = p.firstByteTimeoutMs();
        f.idleTimeoutMs = p.idleTimeoutMs();
        f.keyHints = List.copyOf(p.apiKeyHints());
        return f;
    }

    ProviderSpec spec() {
        List<String> keys = TextLists.parse(newApiKeys);
        return new ProviderSpec(TextLists.blankToNull(name), TextLists.blankToNull(openaiBaseUrl),
                TextLists.blankToNull(anthropicBaseUrl), keys.isEmpty() && isExisting() ? null : keys, TextLists.parse(models),
                concurrency, queue, maxOutputTokens, connectTimeoutMs, firstByteTimeoutMs, idleTimeoutMs);
    }

    public boolean isExisting() {
        return originalName != null;
    }

    String originalName() {
        return originalName;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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

    /** Always empty: stored keys are never sent back to the browser. */
    public String getNewApiKeys() {
        return null;
    }

    public void setNewApiKeys(String newApiKeys) {
        this.newApiKeys = newApiKeys;
    }

    public String getModels() {
        return models;
    }

    public void setModels(String models) {
        this.models = models;
    }

    public Integer getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(Integer concurrency) {
        this.concurrency = concurrency;
    }

    public Integer getQueue() {
        return queue;
    }

    public void setQueue(Integer queue) {
        this.queue = queue;
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

    public List<String> getKeyHints() {
        return keyHints;
    }
}
