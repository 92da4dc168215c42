package io.promptgate.console;

import io.promptgate.service.RouteService.RouteView;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The playground: pick a route and the address clients reach the gateway at; the page shows
 * client snippets for it and sends a real streamed request with the key the user pastes. The key
 * never reaches this bean: it stays in the browser, which calls the gateway itself.
 */
@Named
@ViewScoped
public class PlaygroundBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleServices console;

    private transient List<RouteView> routes = List.of();
    private String routeName;
    private String origin;

    @PostConstruct
    void load() {
        routes = console.services().routes().list();
        if (!routes.isEmpty()) {
            routeName = routes.get(0).name();
        }
        origin = defaultOrigin(null);
    }

    /** The route's exact host when it has one, else the host this console was reached at. */
    private static String defaultOrigin(RouteView route) {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        String here = request.getScheme() + "://" + request.getHeader("Host");
        if (route == null || route.host() == null || route.host().equals("*") || route.host().startsWith("*.")) {
            return here;
        }
        return request.getScheme() + "://" + route.host();
    }

    public void routeChanged() {
        origin = defaultOrigin(getRoute());
    }

    public RouteView getRoute() {
        return getRoutes().stream().filter(r -> r.name().equals(routeName)).findFirst().orElse(null);
    }

    public List<RouteView> getRoutes() {
        if (routes == null) {
            routes = console.services().routes().list();
        }
        return routes;
    }

    public boolean isAnthropic() {
        RouteView route = getRoute();
        return route != null && route.protocol().equals("anthropic");
    }

    /** The path the Send button posts to, on this console's own origin. */
    public String getRequestPath() {
        RouteView route = getRoute();
        return route == null ? "" : ClientSnippets.concrete(route.path(), isAnthropic());
    }

    public Map<String, String> getSnippets() {
        RouteView route = getRoute();
        if (route == null) {
            return Map.of();
        }
        String base = origin == null || origin.isBlank() ? defaultOrigin(route) : origin.replaceAll("/+$", "");
        return ClientSnippets.of(base, route.path(), isAnthropic(), route.model());
    }

    public List<Map.Entry<String, String>> getSnippetList() {
        return List.copyOf(getSnippets().entrySet());
    }

    public String getRouteName() {
        return routeName;
    }

    public void setRouteName(String routeName) {
        this.routeName = routeName;
    }

    public String getOrigin() {
        return origin;
    }

    public void setOrigin(String origin) {
        this.origin = origin;
    }
}
