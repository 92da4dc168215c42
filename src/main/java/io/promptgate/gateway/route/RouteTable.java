package io.promptgate.gateway.route;

import io.promptgate.core.Protocol;
import io.promptgate.core.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable index of routes. Matching: Host exact, then the longest {@code *.suffix}, then any
 * host; within the first host level that has a match, path exact, then the longest
 * {@code prefix/*}; among routes equal on both, the caller's protocol wins.
 */
public final class RouteTable {
    private final Map<String, PathIndex> exactHosts = new HashMap<>();
    private final List<Map.Entry<String, PathIndex>> suffixHosts = new ArrayList<>();
    private final PathIndex anyHost = new PathIndex();

    public RouteTable(List<Route> routes) {
        Map<String, PathIndex> suffixes = new HashMap<>();
        for (Route route : routes) {
            String host = route.host();
            if (Route.ANY_HOST.equals(host)) {
                anyHost.add(route);
            } else if (host.startsWith("*.")) {
                suffixes.computeIfAbsent(host.substring(1), h -> new PathIndex()).add(route);
            } else {
                exactHosts.computeIfAbsent(HostNames.normalise(host), h -> new PathIndex()).add(route);
            }
        }
        suffixHosts.addAll(suffixes.entrySet());
        suffixHosts.sort(Comparator.comparingInt((Map.Entry<String, PathIndex> e) -> e.getKey().length()).reversed());
        exactHosts.values().forEach(PathIndex::seal);
        suffixHosts.forEach(e -> e.getValue().seal());
        anyHost.seal();
    }

    /**
     * The route for a request.
     *
     * @param host      the request's host, already normalised by {@link HostNames#normalise}
     * @param path      the normalised request path
     * @param preferred the protocol the request looks like, used only to break ties
     */
    public Optional<Route> match(String host, String path, Protocol preferred) {
        PathIndex exact = exactHosts.get(host);
        if (exact != null) {
            Route r = exact.match(path, preferred);
            if (r != null) {
                return Optional.of(r);
            }
        }
        for (Map.Entry<String, PathIndex> suffix : suffixHosts) {
            if (host.endsWith(suffix.getKey())) {
                Route r = suffix.getValue().match(path, preferred);
                if (r != null) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.ofNullable(anyHost.match(path, preferred));
    }

    /** Model ids of every route a caller on {@code host} can reach, in a stable order. */
    public List<String> modelsVisibleOn(String host) {
        Set<String> models = new LinkedHashSet<>();
        PathIndex exact = exactHosts.get(host);
        if (exact != null) {
            exact.collectModels(models);
        }
        for (Map.Entry<String, PathIndex> suffix : suffixHosts) {
            if (host.endsWith(suffix.getKey())) {
                suffix.getValue().collectModels(models);
            }
        }
        anyHost.collectModels(models);
        return List.copyOf(models);
    }

    /** Routes of one host level, by exact path and by prefix. */
    private static final class PathIndex {
        private final Map<String, List<Route>> exactPaths = new HashMap<>();
        private final List<Map.Entry<String, List<Route>>> prefixes = new ArrayList<>();
        private final Map<String, List<Route>> prefixMap = new HashMap<>();

        void add(Route route) {
            String path = route.path();
            if (path.endsWith("/*")) {
                String prefix = path.substring(0, path.length() - 2);
                prefixMap.computeIfAbsent(prefix, p -> new ArrayList<>()).add(route);
            } else {
                exactPaths.computeIfAbsent(path, p -> new ArrayList<>()).add(route);
            }
        }

        void seal() {
            prefixes.addAll(prefixMap.entrySet());
            prefixes.sort(Comparator.comparingInt((Map.Entry<String, List<Route>> e) -> e.getKey().length()).reversed());
        }

        Route match(String path, Protocol preferred) {
            List<Route> exact = exactPaths.get(path);
            if (exact != null) {
                return pick(exact, preferred);
            }
            for (Map.Entry<String, List<Route>> prefix : prefixes) {
                if (underPrefix(path, prefix.getKey())) {
                    return pick(prefix.getValue(), preferred);
                }
            }
            return null;
        }

        void collectModels(Set<String> into) {
            exactPaths.values().forEach(list -> list.forEach(r -> into.add(r.model())));
            prefixes.forEach(e -> e.getValue().forEach(r -> into.add(r.model())));
        }

        /** {@code /v1} covers {@code /v1} and {@code /v1/...} but not {@code /v10}. */
        private static boolean underPrefix(String path, String prefix) {
            if (prefix.isEmpty()) {
                return true;
            }
            return path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/' || prefix.endsWith("/"));
        }

        private static Route pick(List<Route> candidates, Protocol preferred) {
            for (Route r : candidates) {
                if (r.protocol() == preferred) {
                    return r;
                }
            }
            return candidates.get(0);
        }
    }
}
