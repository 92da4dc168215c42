package io.promptgate.console;

import io.promptgate.config.ConfigDocument.RouteSpec;
import io.promptgate.service.RouteService.RouteView;
import java.io.Serializable;

/** The route being created or edited. */
public class RouteForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private String originalName;
    private String name;
    private String host = "*";
    private String path;
    private String protocol = "openai";
    private String provider;
    private String model;
    private String policy;
    private String fallbackProvider;
    private String fallbackModel;

    static RouteForm of(RouteView r) {
        RouteForm f = new RouteForm();
        f.originalName = r.name();
        f.name = r.name();
        f.host = r.host();
        f.path = r.path();
        f.protocol = r.protocol();
        f.provider = r.provider();
        f.model = r.model();
        f.policy = r.policy();
        f.fallbackProvider = r.fallbackProvider();
        f.fallbackModel = r.fallbackModel();
        return f;
    }

    RouteSpec spec() {
        return new RouteSpec(TextLists.blankToNull(name), TextLists.blankToNull(host), TextLists.blankToNull(path),
                TextLists.blankToNull(protocol), TextLists.blankToNull(provider), TextLists.blankToNull(model),
                TextLists.blankToNull(policy), TextLists.blankToNull(fallbackProvider), TextLists.blankToNull(fallbackModel));
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

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public String getFallbackProvider() {
        return fallbackProvider;
    }

    public void setFallbackProvider(String fallbackProvider) {
        this.fallbackProvider = fallbackProvider;
    }

    public String getFallbackModel() {
        return fallbackModel;
    }

    public void setFallbackModel(String fallbackModel) {
        this.fallbackModel = fallbackModel;
    }
}
