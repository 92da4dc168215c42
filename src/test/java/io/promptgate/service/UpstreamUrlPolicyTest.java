package io.promptgate.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamUrlPolicyTest {
    private final UpstreamUrlPolicy policy = new UpstreamUrlPolicy(host -> switch (host) {
        case "rebinding.example" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("169.254.169.254")};
        case "localhost" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        case "intranet.example" -> new InetAddress[] {InetAddress.getByName("192.168.1.20")};
        case "unknown.example" -> throw new UnknownHostException(host);
        default -> InetAddress.getAllByName(host.matches("[0-9.:a-f]+") ? host : "93.184.216.34");
    });

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest", "http://[fe80::1]/v1", "http://metadata.google.internal/v1",
        "http://METADATA.google.internal./v1", "http://100.100.100.200/v1", "http://[fd00:ec2::254]/v1", "http://0.0.0.0/v1",
        "http://[::]/v1", "http://224.0.0.1/v1", "http://[::ffff:169.254.169.254]/v1", "http://[::a9fe:a9fe]/v1",
        "http://[64:ff9b::a9fe:a9fe]/v1", "http://2852039166/v1", "http://rebinding.example/v1",
        "ftp://example.com/v1", "file:///etc/passwd", "http://user:pw@example.com/v1", "http://example.com/v1?x=1"})
    void neverAllowed(String url) {
        assertThat(policy.problem(url, true)).as(url).isPresent();
        assertThat(policy.problem(url, true).orElseThrow()).doesNotContain(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9001/v1", "http://localhost:9001", "http://10.1.2.3/v1", "http://172.16.0.1/v1",
        "http://192.168.0.10/v1", "http://100.64.0.1/v1", "http://[::1]:8080", "http://[fd12:3456::1]/v1",
        "http://intranet.example/v1"})
    void privateOnlyWhenTheSettingSaysSo(String url) {
        assertThat(policy.problem(url, false)).as(url).hasValueSatisfying(p -> assertThat(p).contains("allowPrivateUpstreams"));
        assertThat(policy.problem(url, true)).as(url).isEmpty();
    }

    @Test
    void publicAndUnresolvableNamesAreAccepted() {
        assertThat(policy.problem("https://api.openai.com/v1", false)).isEmpty();
        assertThat(policy.problem("https://unknown.example", false)).isEmpty();
        assertThat(policy.problem(null, false)).isEmpty();
    }
}
