package io.promptgate.console;

import io.promptgate.service.ConnectionTester.Report;
import io.promptgate.service.ProviderService;
import io.promptgate.service.ProviderService.ProviderView;
import io.promptgate.service.ServiceException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Providers (administrators): list, create / edit in a dialog, delete, test the connection. */
@Named
@ViewScoped
public class ProvidersBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleServices console;
    @Inject
    CurrentCaller caller;

    private transient List<ProviderView> providers = List.of();
    private ProviderForm form = ProviderForm.empty();
    private transient Report testReport;

    @PostConstruct
    void load() {
        providers = service().list();
    }

    private ProviderService service() {
        return console.services().providers();
    }

    public void startCreate() {
        form = ProviderForm.empty();
    }

    public void startEdit(ProviderView provider) {
        form = ProviderForm.of(service().get(provider.name()));
    }

    public void save() {
        if (ServiceCalls.change(() -> {
            if (form.isExisting()) {
                service().replace(caller.get(), form.originalName(), form.spec());
            } else {
                service().create(caller.get(), form.spec());
            }
        }, "common.saved", "providerForm")) {
            load();
        }
    }

    public void delete(ProviderView provider) {
        if (ServiceCalls.change(() -> service().delete(caller.get(), provider.name()), "common.deleted", null)) {
            load();
        }
    }

    public void test(ProviderView provider) {
        try {
            testReport = service().test(caller.get(), provider.name());
        } catch (ServiceException e) {
            ConsoleMessages.refused(e, null);
        }
    }

    public List<ProviderView> getProviders() {
        return providers == null ? List.of() : providers;
    }

    public ProviderForm getForm() {
        return form;
    }

    public Report getTestReport() {
        return testReport;
    }
}
