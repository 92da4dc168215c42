package io.promptgate.service;

import io.promptgate.config.ConfigRules;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the admin API lets a provider's base URL point (server-side request forgery guard),
 * checked when a provider is saved or tested:
 * <ul>
 *   <li>http or https only, no credentials, query or fragment ({@link ConfigRules#baseUrlProblem});</li>
 *   <li>never link-local (169.254.0.0/16, fe80::/10, where cloud metadata services live), the
 *       known metadata addresses and names, unspecified, multicast or broadcast addresses;</li>
 *   <li>loopback and private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) only
 *       when the {@code allowPrivateUpstreams} setting is on.</li>
 * </ul>
 * A host name is resolved and every address it resolves to must pass; a name that does not
 * resolve (yet) is accepted, since the gateway resolves it again for every connection.
 * Problems never echo the URL.
 */
public final class UpstreamUrlPolicy {
    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal",
            "metadata.azure.internal", "metadata.tencentyun.com");

    /** Resolves host names; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    public UpstreamUrlPolicy() {
        this(InetAddress::getAllByName);
    }

    public UpstreamUrlPolicy(Resolver resolver) {
        this.resolver = resolver;
    }

    /** Why {@code url} may not be a provider's base URL, or empty when it may. */
    public Optional<String> problem(String url, boolean allowPrivate) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        Optional<String> syntax = ConfigRules.baseUrlProblem(url);
        if (syntax.isPresent()) {
            return syntax;
        }
        return hostProblem(URI.create(url.trim()).getHost(), allowPrivate);
    }

    /**
     * Why a server at {@code host} may not be called (metadata services, link-local, private
     * without {@code allowPrivate}, …), or empty when it may. For other outbound URLs (webhooks).
     */
    public Optional<String> hostProblem(String hostName, boolean allowPrivate) {
        if (hostName == null || hostName.isBlank()) {
            return Optional.of("has no host");
        }
        String host = hostName.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (METADATA_HOSTS.contains(stripDot(host))) {
            return Optional.of("points at a cloud metadata service, which is never allowed");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> problem = addressProblem(address, allowPrivate);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    static Optional<String> addressProblem(InetAddress address, boolean allowPrivate) {
        byte[] v4 = embeddedIpv4(address);
        if (v4 != null) {
            return ipv4Problem(v4, allowPrivate);
        }
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("is not a unicast address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("is a link-local address (where cloud metadata services live), which is never allowed");
        }
        if (Arrays.equals(b, AWS_METADATA_V6)) {
            return Optional.of("points at a cloud metadata service, which is never allowed");
        }
        boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
        if (!allowPrivate && (address.isLoopbackAddress() || address.isSiteLocalAddress() || uniqueLocal)) {
            return Optional.of(PRIVATE);
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4Problem(byte[] a, boolean allowPrivate) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (b0 == 169 && b1 == 254) {
            return Optional.of("is a link-local address (where cloud metadata services live), which is never allowed");
        }
        if (b0 == 100 && b1 == 100 && (a[2] & 0xff) == 100 && (a[3] & 0xff) == 200) {
            return Optional.of("points at a cloud metadata service, which is never allowed");
        }
        if (b0 == 0 || b0 >= 224) {
            return Optional.of("is not a unicast address");
        }
        boolean isPrivate = b0 == 127 || b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)
                || (b0 == 100 && b1 >= 64 && b1 <= 127);
        if (isPrivate && !allowPrivate) {
            return Optional.of(PRIVATE);
        }
        return Optional.empty();
    }

    private static final String PRIVATE =
            "is a loopback or private address; allowed only when the setting allowPrivateUpstreams is on";
    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

    /** The IPv4 address of an IPv4 address, or one embedded in IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::/96); else null. */
    private static byte[] embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return b;
        }
        if (address instanceof Inet6Address) {
            boolean compatible = true;
            for (int i = 0; i < 12; i++) {
                compatible &= b[i] == 0;
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            for (int i = 4; nat64 && i < 12; i++) {
                nat64 = b[i] == 0;
            }
            // ::0.0.0.x are :: and ::1 themselves, not embedded IPv4 addresses
            boolean tiny = compatible && b[12] == 0 && b[13] == 0 && b[14] == 0;
            if ((compatible && !tiny) || nat64) {
                return Arrays.copyOfRange(b, 12, 16);
            }
        }
        return null;
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
