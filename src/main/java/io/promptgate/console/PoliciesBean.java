package io.promptgate.console;

import io.promptgate.config.ConfigDocument.PolicySpec;
import io.promptgate.service.PolicyService;
import io.promptgate.service.PolicyService.PolicyPreview;
import io.promptgate.service.PolicyService.PolicyView;
import io.promptgate.service.ServiceException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Prompt policies (administrators): text and mode, create / edit / delete, and a preview of the
 * system prompt a caller ends up with, in both protocols' request shapes.
 */
@Named
@ViewScoped
public class PoliciesBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleServices console;
    @Inject
    CurrentCaller caller;

    private transient List<PolicyView> policies = List.of();
    private String originalName;
    private String name;
    private String mode = "prepend";
    private String text;
    private String previewName;
    private String sampleSystem;
    private String sampleUser;
    private String openAiPreview;
    private String anthropicPreview;

    @PostConstruct
    void load() {
        policies = service().list();
        if (sampleUser == null) {
            sampleUser = ConsoleMessages.text("policies.sampleUserDefault");
        }
    }

    private PolicyService service() {
        return console.services().policies();
    }

    public void startCreate() {
        originalName = null;
        name = null;
        mode = "prepend";
        text = null;
    }

    public void startEdit(PolicyView policy) {
        originalName = policy.name();
        name = policy.name();
        mode = policy.mode();
        text = policy.text();
    }

    public void save() {
        PolicySpec spec = new PolicySpec(TextLists.blankToNull(name), mode, text);
        if (ServiceCalls.change(() -> {
            if (originalName == null) {
                service().create(caller.get(), spec);
            } else {
                service().replace(caller.get(), originalName, spec);
            }
        }, "common.saved", "policyForm")) {
            load();
        }
    }

    public void delete(PolicyView policy) {
        if (ServiceCalls.change(() -> service().delete(caller.get(), policy.name()), "common.deleted", null)) {
            load();
        }
    }

    public void startPreview(PolicyView policy) {
        previewName = policy.name();
        preview();
    }

    public void preview() {
        try {
            PolicyPreview result = service().preview(previewName, sampleSystem);
            openAiPreview = PolicyShapes.openAi(result.system(), sampleUser);
            anthropicPreview = PolicyShapes.anthropic(result.system(), sampleUser);
        } catch (ServiceException e) {
            ConsoleMessages.refused(e, "previewForm");
        }
    }

    public List<PolicyView> getPolicies() {
        return policies == null ? List.of() : policies;
    }

    public boolean isExisting() {
        return originalName != null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getPreviewName() {
        return previewName;
    }

    public String getSampleSystem() {
        return sampleSystem;
    }

    public void setSampleSystem(String sampleSystem) {
        this.sampleSystem = sampleSystem;
    }

    public String getSampleUser() {
        return sampleUser;
    }

    public void setSampleUser(String sampleUser) {
        this.sampleUser = sampleUser;
    }

    public String getOpenAiPreview() {
        return openAiPreview;
    }

    public String getAnthropicPreview() {
        return anthropicPreview;
    }
}
