package io.promptgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An unmodified Apache Tomcat distribution running the packaged WAR as the root web application,
 * in a child process, on 127.0.0.1 and a free port.
 *
 * <p>Each container gets a fresh working directory {@code target/it/<name>/} holding
 * <ul>
 *   <li>{@code base/}: the CATALINA_BASE ({@code conf/} copied from the distribution with
 *       {@code tomcat-conf/server.xml} and {@code tomcat-conf/setenv.sh} placed in, the WAR as
 *       {@code webapps/ROOT.war}),</li>
 *   <li>{@code data/}: the data directory passed as {@code PROMPTGATE_HOME} (unless the caller
 *       passes its own),</li>
 *   <li>{@code console.log}: everything the process prints.</li>
 * </ul>
 * {@link #start()} runs {@code bin/catalina.sh run} and returns once {@code GET /healthz} answers
 * 200; {@link #close()} stops the process (SIGTERM, so Tomcat shuts down cleanly, then SIGKILL
 * after a grace period) together with any process it started.
 *
 * <p>Starting Tomcat takes seconds, so a test suite should share one started container per
 * Tomcat version: use {@link SharedTomcat} (or {@link TomcatExtension}); build a dedicated one
 * only for tests that need their own environment, and close it.
 *
 * <pre>{@code
 * try (TomcatContainer tomcat = TomcatContainer.builder(TomcatVersion.TOMCAT_11)
 *         .name("tomcat11-declarative-config")
 *         .env("PROMPTGATE_CONFIG", configFile.toString())
 *         .start()) {
 *     HttpResponse<String> r = http.send(HttpRequest.newBuilder(tomcat.uri("/healthz")).build(), ofString());
 *     assertThat(tomcat.logText()).doesNotContain(secret);
 * }
 * }</pre>
 */
public final class TomcatContainer implements AutoCloseable {
    public static final String PROMPTGATE_HOME = "PROMPTGATE_HOME";
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 3;
    /** Working directory names taken in this JVM: a second container must not wipe a running one. */
    private static final Set<String> NAMES_IN_USE = new HashSet<>();

    /** Lines in a start-up log that mean the web application will never answer. */
    private static final List<String> FATAL_LOG_MARKERS = List.of(
            "startup failed due to previous errors",
            "Error deploying web application archive",
            "One or more listeners failed to start",
            "One or more Filters failed to start");

    private final String name;
    private final Path catalinaHome;
    private final Path war;
    private final Path serverXml;
    private final Path setenvSh;
    private final Path contextXml;
    private final List<Path> libJars;
    private final Map<String, String> env;
    private final List<String> javaOpts;
    private final int fixedPort;
    private final Duration startupTimeout;
    private final String healthPath;

    private final Path workDir;
    private final Path catalinaBase;
    private final Path dataDir;
    private final Path consoleLog;
    private final Path pidFile;

    private Process process;
    private int port;
    private Thread shutdownHook;

    private TomcatContainer(Builder b) {
        this.name = b.name;
        this.catalinaHome = b.catalinaHome;
        this.war = b.war != null ? b.war : ItPaths.war();
        this.serverXml = b.serverXml != null ? b.serverXml : ItPaths.tomcatConf().resolve("server.xml");
        if (b.setenvGiven) {
            this.setenvSh = b.setenvSh;
        } else {
            Path standard = ItPaths.tomcatConf().resolve("setenv.sh");
            this.setenvSh = Files.isRegularFile(standard) ? standard : null;
        }
        this.contextXml = b.contextXml;
        this.libJars = List.copyOf(b.libJars);
        this.javaOpts = List.copyOf(b.javaOpts);
        this.fixedPort = b.port;
        this.startupTimeout = b.startupTimeout;
        this.healthPath = b.healthPath;

        synchronized (NAMES_IN_USE) {
            if (!NAMES_IN_USE.add(name)) {
                throw new IllegalStateException("A container named " + name + " already exists in this test run;"
                        + " give each container its own name()");
            }
        }
        this.workDir = ItPaths.buildDir().resolve("it").resolve(name);
        this.pidFile = workDir.resolve("tomcat.pid");
        killStaleProcess(pidFile, workDir.resolve("base"));
        ItPaths.freshWorkDir(name);
        this.catalinaBase = workDir.resolve("base");
        this.consoleLog = workDir.resolve("console.log");

        Map<String, String> environment = new LinkedHashMap<>(b.env);
        if (!environment.containsKey(PROMPTGATE_HOME)) {
            environment.put(PROMPTGATE_HOME, workDir.resolve("data").toString());
        }
        this.env = Map.copyOf(environment);
        this.dataDir = Path.of(environment.get(PROMPTGATE_HOME)).toAbsolutePath();
        prepareBase();
    }

    /** A container for one of the distributions the build unpacks; its name defaults to the version id. */
    public static Builder builder(TomcatVersion version) {
        return new Builder(version.id(), version.home());
    }

    /** A container for any Tomcat 10.1+ distribution (CATALINA_HOME). */
    public static Builder builder(String name, Path catalinaHome) {
        return new Builder(name, catalinaHome);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts Tomcat (if not running) and waits until the health endpoint answers 200. */
    public synchronized TomcatContainer start() {
        if (isRunning()) {
            return this;
        }
        StartupFailure last = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            port = fixedPort > 0 ? fixedPort : freePort();
            long logOffset = size(consoleLog);
            launch();
            try {
                awaitHealthy(logOffset);
                return this;
            } catch (StartupFailure failure) {
                stopProcess();
                last = failure;
                if (!failure.portInUse || fixedPort > 0) {
                    break;
                }
            }
        }
        throw new AssertionError(last.getMessage(), last);
    }

    /** Stops Tomcat if it runs. The working directory and the data directory stay. */
    public synchronized void stop() {
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmShuttingDown) {
                // the hook itself is running
            }
            shutdownHook = null;
        }
    }

    /** Kills the Tomcat process at once (SIGKILL: no shutdown, nothing released), like a crashed node. */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops and starts again with the same CATALINA_BASE and data directory (a new port unless fixed). */
    public synchronized TomcatContainer restart() {
        stop();
        return start();
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    // ---------------------------------------------------------------- accessors

    public String name() {
        return name;
    }

    /** The HTTP port of the running container. */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException(name + " has not been started");
        }
        return port;
    }

    /** The process id of the running Tomcat JVM ({@code catalina.sh run} execs java). */
    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    /** {@code http://127.0.0.1:<port>} without a trailing slash; the WAR is the root context. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code baseUrl() + path}; path starts with {@code /}. */
    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The data directory ({@code PROMPTGATE_HOME}). */
    public Path dataDir() {
        return dataDir;
    }

    public Path catalinaBase() {
        return catalinaBase;
    }

    public Path consoleLog() {
        return consoleLog;
    }

    /** The environment variables given to Tomcat on top of the inherited ones (includes PROMPTGATE_HOME). */
    public Map<String, String> env() {
        return env;
    }

    /**
     * Everything logged so far: the process output, every file under {@code logs/} of the
     * CATALINA_BASE, and every {@code *.log} file in the data directory (the action log). For
     * assertions such as "no secret ever reaches a log".
     */
    public String logText() {
        StringBuilder text = new StringBuilder();
        for (Path file : logFiles()) {
            text.append("==> ").append(file).append(" <==\n").append(read(file)).append('\n');
        }
        return text.toString();
    }

    /** The last {@code lines} lines of the process output and of each Tomcat log file (for failure messages). */
    public String logTail(int lines) {
        StringBuilder text = new StringBuilder();
        for (Path file : logFiles()) {
            if (file.getFileName().toString().startsWith("localhost_access_log")) {
                continue;
            }
            List<String> all = read(file).lines().collect(Collectors.toList());
            if (all.isEmpty()) {
                continue;
            }
            text.append("==> ").append(file).append(" (last ").append(Math.min(lines, all.size()))
                    .append(" lines) <==\n");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> text.append(l).append('\n'));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "TomcatContainer[" + name + ", " + catalinaHome.getFileName()
                + (port > 0 ? ", " + baseUrl() : "") + "]";
    }

    // ---------------------------------------------------------------- internals

    private void prepareBase() {
        try {
            for (String dir : List.of("conf", "logs", "temp", "webapps", "work", "bin", "lib")) {
                Files.createDirectories(catalinaBase.resolve(dir));
            }
            for (Path jar : libJars) {
                Files.copy(jar, catalinaBase.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            copyTree(catalinaHome.resolve("conf"), catalinaBase.resolve("conf"));
            Files.copy(serverXml, catalinaBase.resolve("conf/server.xml"), StandardCopyOption.REPLACE_EXISTING);
            if (setenvSh != null) {
                Files.copy(setenvSh, catalinaBase.resolve("bin/setenv.sh"), StandardCopyOption.REPLACE_EXISTING);
            }
            if (contextXml != null) {
                Path descriptor = catalinaBase.resolve("conf/Catalina/localhost/ROOT.xml");
                Files.createDirectories(descriptor.getParent());
                Files.copy(contextXml, descriptor, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(war, catalinaBase.resolve("webapps/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare CATALINA_BASE " + catalinaBase, e);
        }
    }

    private void launch() {
        List<String> opts = new ArrayList<>();
        opts.add("-Dpromptgate.http.port=" + port);
        if (javaOpts.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            opts.add("-Xmx512m");
        }
        opts.addAll(javaOpts);

        ProcessBuilder pb = new ProcessBuilder("/bin/sh", catalinaHome.resolve("bin/catalina.sh").toString(), "run")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        Map<String, String> environment = pb.environment();
        // nothing from the caller's shell may leak into the container's configuration
        environment.keySet().removeIf(k -> k.startsWith("PROMPTGATE_") || k.startsWith("CATALINA_")
                || k.startsWith("JPDA_") || k.equals("JAVA_OPTS") || k.equals("JRE_HOME")
                || k.equals("CLASSPATH") || k.startsWith("LOGGING_") || k.equals("JDK_JAVA_OPTIONS")
                || k.equals("JAVA_TOOL_OPTIONS"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("CATALINA_HOME", catalinaHome.toString());
        environment.put("CATALINA_BASE", catalinaBase.toString());
        environment.put("CATALINA_TMPDIR", catalinaBase.resolve("temp").toString());
        environment.put("JAVA_OPTS", String.join(" ", opts));
        environment.putAll(env);
        try {
            process = pb.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + this, e);
        }
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stopProcess, "stop-" + name);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private void awaitHealthy(long logOffset) throws StartupFailure {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        URI health = uri(healthPath);
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        String lastOutcome = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure("Tomcat exited with code " + process.exitValue() + " before " + health
                        + " answered", false);
            }
            String output = readFrom(consoleLog, logOffset);
            if (output.contains("java.net.BindException") || output.contains("Address already in use")) {
                throw failure("port " + port + " is already in use", true);
            }
            for (String marker : FATAL_LOG_MARKERS) {
                if (output.contains(marker)) {
                    throw failure("the web application failed to start (\"" + marker + "\")", false);
                }
            }
            // Tomcat binds its port before it deploys, so early requests wait until deployment ends
            Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
            Duration requestTimeout = remaining.compareTo(Duration.ofSeconds(10)) < 0 ? remaining : Duration.ofSeconds(10);
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(health).timeout(requestTimeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastOutcome = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastOutcome = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for " + health, false);
            }
            sleep(250);
        }
        throw failure(health + " did not answer 200 within " + startupTimeout.toSeconds() + " s (last: "
                + lastOutcome + ")", false);
    }

    private StartupFailure failure(String reason, boolean portInUse) {
        return new StartupFailure(name + " (" + catalinaHome.getFileName() + ", CATALINA_BASE " + catalinaBase
                + "): " + reason + "\n" + logTail(60), portInUse);
    }

    private synchronized void stopProcess() {
        Process p = process;
        if (p == null) {
            return;
        }
        ProcessHandle handle = p.toHandle();
        List<ProcessHandle> children = handle.descendants().collect(Collectors.toList());
        handle.destroy();                              // SIGTERM: Tomcat's shutdown hook stops cleanly
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                if (child.isAlive()) {
                    child.destroyForcibly();
                    child.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a child that did not report its exit in time: nothing more to do
        }
        process = null;
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** A Tomcat left behind by an earlier, killed test run in the same working directory. */
    private static void killStaleProcess(Path pidFile, Path base) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> stale = ProcessHandle.of(pid)
                    .filter(h -> h.info().commandLine().map(c -> c.contains("-Dcatalina.base=" + base)).orElse(false));
            stale.ifPresent(h -> {
                h.destroyForcibly();
                h.onExit().join();
            });
        } catch (IOException | NumberFormatException ignored) {
            // unreadable pid file: nothing to clean up
        }
    }

    private List<Path> logFiles() {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(consoleLog)) {
            files.add(consoleLog);
        }
        files.addAll(list(catalinaBase.resolve("logs"), p -> true));
        files.addAll(list(dataDir, p -> p.getFileName().toString().endsWith(".log")));
        return files;
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(filter).sorted(Comparator.naturalOrder())
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String readFrom(Path file, long offset) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(offset, Files.size(file)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path source : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class StartupFailure extends Exception {
        final boolean portInUse;

        StartupFailure(String message, boolean portInUse) {
            super(message, null, false, false);
            this.portInUse = portInUse;
        }
    }

    // ---------------------------------------------------------------- builder

    /** Configures a container; {@link #start()} builds and starts it, {@link #build()} only prepares it. */
    public static final class Builder {
        private String name;
        private final Path catalinaHome;
        private Path war;
        private Path serverXml;
        private Path setenvSh;
        private boolean setenvGiven;
        private Path contextXml;
        private final List<Path> libJars = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> javaOpts = new ArrayList<>();
        private int port;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private String healthPath = "/healthz";

        private Builder(String name, Path catalinaHome) {
            this.name = requireName(name);
            this.catalinaHome = Objects.requireNonNull(catalinaHome).toAbsolutePath();
        }

        /** Working directory name under {@code target/it/}; unique per container. */
        public Builder name(String name) {
            this.name = requireName(name);
            return this;
        }

        /** The WAR deployed as ROOT.war; default: system property {@code promptgate.war}. */
        public Builder war(Path war) {
            this.war = war.toAbsolutePath();
            return this;
        }

        /** Default: {@code tomcat-conf/server.xml}. It must read the port from {@code promptgate.http.port}. */
        public Builder serverXml(Path serverXml) {
            this.serverXml = serverXml.toAbsolutePath();
            return this;
        }

        /** Default: {@code tomcat-conf/setenv.sh}; {@code null} installs none. */
        public Builder setenvSh(Path setenvSh) {
            this.setenvSh = setenvSh == null ? null : setenvSh.toAbsolutePath();
            this.setenvGiven = true;
            return this;
        }

        /** Installs a context descriptor as {@code conf/Catalina/localhost/ROOT.xml}; default: none. */
        public Builder contextXml(Path contextXml) {
            this.contextXml = contextXml.toAbsolutePath();
            return this;
        }

        /** Copies a JAR into {@code $CATALINA_BASE/lib/} (Tomcat's common class loader), e.g. a JDBC driver. */
        public Builder libJar(Path jar) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no such JAR: " + jar);
            }
            libJars.add(jar.toAbsolutePath());
            return this;
        }

        /**
         * The database of the shipped {@code tomcat-conf/context-postgresql.xml}: that descriptor,
         * the PostgreSQL driver in {@code lib/}, and the URL and user of {@code postgres}.
         */
        public Builder postgresql(io.promptgate.testing.FreshPostgres postgres) {
            return contextXml(ItPaths.tomcatConf().resolve("context-postgresql.xml"))
                    .libJar(ItPaths.postgresqlDriver())
                    .javaOpts("-Dpromptgate.jdbc.url=" + io.promptgate.testing.FreshPostgres.jdbcUrl(postgres.name()),
                            "-Dpromptgate.jdbc.user=" + io.promptgate.testing.FreshPostgres.USER);
        }

        /** An environment variable for Tomcat (e.g. PROMPTGATE_CONFIG); the only way to pass secrets. */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /**
         * A JVM option added to JAVA_OPTS (no spaces inside one option). Tomcat logs its command
         * line at start-up, so never put a secret here.
         */
        public Builder javaOpt(String option) {
            if (option.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("JVM option with whitespace: " + option);
            }
            javaOpts.add(option);
            return this;
        }

        public Builder javaOpts(String... options) {
            Arrays.stream(options).forEach(this::javaOpt);
            return this;
        }

        /** A fixed HTTP port; default 0: a free port, chosen again if it is taken meanwhile. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** The path polled until it answers 200; default {@code /healthz}. */
        public Builder healthPath(String path) {
            this.healthPath = path;
            return this;
        }

        /** Prepares a fresh CATALINA_BASE without starting Tomcat. */
        public TomcatContainer build() {
            return new TomcatContainer(this);
        }

        public TomcatContainer start() {
            return build().start();
        }

        private static String requireName(String name) {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("Container name must match [A-Za-z0-9._-]+: " + name);
            }
            return name.toLowerCase(Locale.ROOT);
        }
    }
}
