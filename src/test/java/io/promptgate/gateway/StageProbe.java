package io.promptgate.gateway;

import io.promptgate.core.GatewaySnapshot;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs one stage on its own: did it hand the exchange on, or end it with which error? */
public final class StageProbe {
    private StageProbe() {
    }

    /** Runs {@code stage}; returns true if it proceeded. Errors it throws reach the caller. */
    public static boolean proceeds(Stage stage, Exchange exchange) throws Exception {
        AtomicBoolean proceeded = new AtomicBoolean();
        Stage terminal = (e, n) -> proceeded.set(true);
        Pipeline pipeline = new Pipeline(List.of(stage, terminal), null);
        stage.handle(exchange, new Next(pipeline, exchange, 0));
        return proceeded.get();
    }

    public static Exchange exchange(GatewaySnapshot snapshot, String method, String host, String path,
                                    Map<String, String> headers) {
        HttpServletRequest request = request(method, host, path, headers);
        return new Exchange("req_test", request, (HttpServletResponse) null, null,
                CompiledSnapshot.of(snapshot), host, path);
    }

    /** A request that answers only what a stage may ask: method, URI, headers, remote address. */
    public static HttpServletRequest request(String method, String host, String path, Map<String, String> headers) {
        return request(method, host, path, headers, -1);
    }

    /** As above, declaring a body of {@code contentLength} bytes (-1: none declared). */
    public static HttpServletRequest request(String method, String host, String path, Map<String, String> headers,
                                             long contentLength) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        byName.putIfAbsent("Host", host);
        return (HttpServletRequest) Proxy.newProxyInstance(StageProbe.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getHeader" -> byName.get((String) args[0]);
                    case "getHeaders" -> {
                        String v = byName.get((String) args[0]);
                        yield Collections.enumeration(v == null ? List.of() : List.of(v));
                    }
                    case "getHeaderNames" -> Collections.enumeration(List.copyOf(byName.keySet()));
                    case "getContentLengthLong" -> contentLength;
                    case "getQueryString" -> null;
                    case "toString" -> "request " + method + " " + path.toLowerCase(Locale.ROOT);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
