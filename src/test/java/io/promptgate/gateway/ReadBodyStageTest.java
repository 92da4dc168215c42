package io.promptgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.GatewaySnapshot;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadBodyStageTest {
    static final GatewaySnapshot SNAPSHOT = new GatewaySnapshot(1,
            new GatewaySettings(64, 256, 30_000, 1_000, "en", Set.of(429)), List.of(), Map.of(), Map.of(), List.of());

    @Test
    void onlyPostIsForwarded() {
        Exchange exchange = StageProbe.exchange(SNAPSHOT, "GET", "h", "/v1/messages", Map.of());
        assertThatThrownBy(() -> StageProbe.proceeds(new ReadBodyStage(), exchange))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.status()).isEqualTo(405));
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeReading() {
        Exchange exchange = new Exchange("req_t", StageProbe.request("POST", "h", "/v1/messages", Map.of(), 1_001), null, null,
                CompiledSnapshot.of(SNAPSHOT), "h", "/v1/messages");
        assertThatThrownBy(() -> StageProbe.proceeds(new ReadBodyStage(), exchange))
                .isInstanceOfSatisfying(GatewayError.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
                    assertThat(e.status()).isEqualTo(413);
                });
        assertThat(exchange.bodyLeftUnread()).isTrue();
    }

    @Test
    void aBodyTheContainerAlreadyHoldsIsTakenAtOnceWithoutAReadListener() throws Exception {
        byte[] body = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        ContainerInput input = new ContainerInput(body, body.length);
        Exchange exchange = exchangeReading(input, body.length);

        assertThat(StageProbe.proceeds(new ReadBodyStage(), exchange)).isTrue();
        assertThat(exchange.clientBody()).isEqualTo(body);
        assertThat(input.listener).isNull();
    }

    @Test
    void aBodyStillArrivingIsReadAsFarAsHeldThenFinishedByTheReadListener() throws Exception {
        byte[] body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}".getBytes(StandardCharsets.UTF_8);
        ContainerInput input = new ContainerInput(body, 10);
        Exchange exchange = exchangeReading(input, body.length);

        assertThat(StageProbe.proceeds(new ReadBodyStage(), exchange)).isFalse();
        assertThat(input.position).as("the held part is read before the listener is set").isEqualTo(10);
        assertThat(input.listener).isNotNull();

        input.arrive(body.length);
        input.listener.onDataAvailable();
        assertThat(input.isFinished()).isTrue();
        input.listener.onAllDataRead();
        assertThat(exchange.clientBody()).isEqualTo(body);
    }

    @Test
    void aStreamThatFailsWhileHeldBodyIsReadIsLeftToTheReadListenerToReport() throws Exception {
        byte[] body = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        ContainerInput input = new ContainerInput(body, body.length);
        input.failReads = true;
        Exchange exchange = exchangeReading(input, body.length);

        assertThat(StageProbe.proceeds(new ReadBodyStage(), exchange)).isFalse();
        assertThat(input.listener).as("the container reports the failure to the listener (onError)").isNotNull();
        assertThat(exchange.clientBody()).isNull();
    }

    private static Exchange exchangeReading(ContainerInput input, long contentLength) {
        HttpServletRequest base = StageProbe.request("POST", "h", "/v1/messages", Map.of(), contentLength);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(ReadBodyStageTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> m.getName().equals("getInputStream") ? input : m.invoke(base, args));
        return new Exchange("req_t", request, null, null, CompiledSnapshot.of(SNAPSHOT), "h", "/v1/messages");
    }

    /**
     * A container's request body as the servlet API shows it: {@code available()} bytes have arrived
     * (read without blocking); reading past them would block, which this stream refuses.
     */
    private static final class ContainerInput extends ServletInputStream {
        private final byte[] body;
        private int arrived;
        private int position;
        private ReadListener listener;
        private boolean failReads;

        ContainerInput(byte[] body, int arrived) {
            this.body = body;
            this.arrived = arrived;
        }

        void arrive(int upTo) {
            arrived = upTo;
        }

        @Override
        public int available() {
            return arrived - position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (failReads) {
                throw new IOException("connection reset");
            }
            if (position == body.length) {
                return -1;
            }
            if (position == arrived) {
                throw new IOException("this read would block");
            }
            int n = Math.min(length, arrived - position);
            System.arraycopy(body, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public boolean isFinished() {
            return position == body.length;
        }

        @Override
        public boolean isReady() {
            return position < arrived;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            listener = readListener;
        }
    }
}
