package io.promptgate.console;

import io.promptgate.core.Protocol;
import io.promptgate.service.ProtocolMatrix;
import io.promptgate.service.ProviderService.ProviderView;
import io.promptgate.service.RouteService;
import io.promptgate.service.RouteService.RoutePreview;
import io.promptgate.service.RouteService.RouteView;
import io.promptgate.service.ServiceException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Routes (administrators): list with the protocol-matrix case of each (direct or adapted), create /
 * edit with a preview of the effective behaviour, delete. Impossible pairs are refused by the
 * route service, whose reason is shown next to the field.
 */
@Named
@ViewScoped
public class RoutesBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleServices console;
    @Inject
    CurrentCaller caller;

    private transient List<RouteView> routes = List.of();
    private transient Map<String, ProviderView> providers = Map.of();
    private transient List<String> policyNames = List.of();
    private RouteForm form = new RouteForm();
    private transient RoutePreview preview;

    @PostConstruct
    void load() {
        routes = service().list();
        Map<String, ProviderView> byName = new HashMap<>();
        console.services().providers().list().forEach(p -> byName.put(p.name(), p));
        providers = byName;
        policyNames = console.services().policies().list().stream().map(p -> p.name()).toList();
    }

    private RouteService service() {
        return console.services().routes();
    }

    /** {@code matrix.direct}, {@code matrix.adapter} or {@code matrix.unavailable}: a bundle key. */
    public String matrixCase(RouteView route) {
        ProviderView p = providers == null ? null : providers.get(route.provider());
        if (p == null) {
            return "matrix.unavailable";
        }
        return ProtocolMatrix.mode(Protocol.parse(route.protocol()), p.openaiBaseUrl() != null, p.anthropicBaseUrl() != null)
                .map(mode -> "matrix." + mode.name().toLowerCase(Locale.ROOT))
                .orElse("matrix.unavailable");
    }

    public void startCreate() {
        form = new RouteForm();
        preview = null;
    }

    public void startEdit(RouteView route) {
        form = RouteForm.of(route);
        preview = null;
    }

    public void check() {
        try {
            preview = service().previewDraft(caller.get(), form.spec());
        } catch (ServiceException e) {
            preview = null;
            ConsoleMessages.refused(e, "routeForm");
        }
    }

    public void save() {
        if (ServiceCalls.change(() -> {
            if (form.isExisting()) {
                service().replace(caller.get(), form.originalName(), form.spec());
            } else {
                service().create(caller.get(), form.spec());
            }
        }, "common.saved", "routeForm")) {
            load();
        }
    }

    public void delete(RouteView route) {
        if (ServiceCalls.change(() -> service().delete(caller.get(), route.name()), "common.deleted", null)) {
            load();
        }
    }

    public List<RouteView> getRoutes() {
        return routes == null ? List.of() : routes;
    }

    public List<String> getProviderNames() {
        return providers == null ? List.of() : providers.keySet().stream().sorted().toList();
    }

    public List<String> getPolicyNames() {
        return policyNames == null ? List.of() : policyNames;
    }

    public RouteForm getForm() {
        return form;
    }

    public RoutePreview getPreview() {
        return preview;
    }
}
