package io.promptgate.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.security.MasterKey;
import io.promptgate.security.SecretBox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Connection tests against a real socket that accepts and never answers, as a hung upstream does. */
class ConnectionTesterTest {
    private final ConnectionTester tester = new ConnectionTester(new SecretBox(MasterKey.generate()),
            new UpstreamUrlPolicy(host -> new InetAddress[] {InetAddress.getByName(host)}));

    @Test
    void testsBeyondTheLimitAreRefusedAtOnceWhileOthersWaitForTheirUpstream() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newCachedThreadPool();
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!hung.isClosed()) {
                    try {
                        accepted.add(hung.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.start();
            String base = "http://127.0.0.1:" + hung.getLocalPort() + "/v1";
            ConnectionTester.Target target = new ConnectionTester.Target("hung", base, null, null);

            List<CompletableFuture<ConnectionTester.Report>> waiting = List.of(
                    CompletableFuture.supplyAsync(() -> tester.test(target, true), callers),
                    CompletableFuture.supplyAsync(() -> tester.test(target, true), callers));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (accepted.size() < ConnectionTester.MAX_AT_ONCE && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(accepted).as("both tests reached the upstream").hasSize(ConnectionTester.MAX_AT_ONCE);

            long start = System.nanoTime();
            assertThatThrownBy(() -> tester.test(target, true))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("Other connection tests are running");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("refused without waiting").isLessThan(1000);
            assertThat(waiting).allMatch(call -> !call.isDone());

            // the upstream goes away: the waiting tests end, and their places are free again
            hung.close();
            for (Socket socket : accepted) {
                socket.close();
            }
            for (CompletableFuture<ConnectionTester.Report> call : waiting) {
                assertThat(call.get(30, TimeUnit.SECONDS).ok()).isFalse();
            }
            ConnectionTester.Report after = tester.test(target, true);
            assertThat(after.ok()).isFalse();
            assertThat(after.exits()).singleElement().satisfies(exit -> assertThat(exit.error()).isNotBlank());
        } finally {
            callers.shutdownNow();
        }
    }
}
