package io.promptgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Our own nginx (nginx-light, {@code /usr/sbin/nginx} or on the PATH) balancing round-robin over
 * running Tomcats, on 127.0.0.1 and a free port, with its own configuration, pid file, logs and
 * temp directories under {@code target/it/<name>/}, configured as docs/deployment-cluster.md
 * shows: a request whose session cookie ends in {@code .<jvmRoute>} goes to that node (sticky
 * sessions), every other one round-robin. A backend that refuses connections is skipped (a
 * request never sent to it moves on to the next one). {@link #close()} stops the nginx this
 * object started, and nothing else.
 */
final class NginxBalancer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private NginxBalancer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** @param backends each node's jvmRoute and HTTP port */
    static NginxBalancer start(String name, Map<String, Integer> backends) {
        Path dir = ItPaths.freshWorkDir(name);
        int port = TomcatContainer.freePort();
        String servers = backends.values().stream()
                .map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=10s;")
                .collect(Collectors.joining("\n"));
        String routes = backends.entrySet().stream()
                .map(e -> "        ~\\." + e.getKey() + "$ 127.0.0.1:" + e.getValue() + ";")
                .collect(Collectors.joining("\n"));
        String conf = """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/tmp-body;
                    proxy_temp_path %1$s/tmp-proxy;
                    fastcgi_temp_path %1$s/tmp-fastcgi;
                    uwsgi_temp_path %1$s/tmp-uwsgi;
                    scgi_temp_path %1$s/tmp-scgi;
                    upstream promptgate {
                %2$s
                    }
                    map $cookie_JSESSIONID $promptgate_backend {
                %4$s
                        default promptgate;
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://$promptgate_backend;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $http_host;
                            proxy_next_upstream error timeout;
                            proxy_connect_timeout 2s;
                            proxy_read_timeout 60s;
                            proxy_buffering off;
                        }
                    }
                }
                """.formatted(dir, servers, port, routes);
        try {
            Files.writeString(dir.resolve("nginx.conf"), conf);
            Process p = new ProcessBuilder(binary(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                    "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.log").toFile())
                    .start();
            NginxBalancer nginx = new NginxBalancer(dir, port, p);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx in " + dir, e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + read(dir.resolve("console.log")) + read(dir.resolve("error.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
    }

    private static String binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "nginx";
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy(); // SIGTERM to our master: it stops its workers
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.forEach(w -> {
            if (w.isAlive()) {
                w.destroyForcibly();
            }
        });
    }
}
