package fi.arkisto.app.packaged;

import org.awaitility.core.ConditionTimeoutException;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application jar driven as a user types its commands: {@code java -jar arkisto-app.jar <command> ...}
 * in a working directory of the test's own, with the environment a user would export. A test of a new command is one
 * {@link #run} call and assertions on its {@link CommandRun}; {@link #startServer} starts the server on a free port and
 * waits until it answers its health check.
 */
final class PackagedJar {

    /** Log lines of the server's console format at WARN or ERROR level. */
    static final Pattern WARN_OR_ERROR = Pattern.compile("(?m)^\\S+\\s+(WARN|ERROR) \\d+ --- .*$");
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(240);
    static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    /**
     * JVM options of the server processes, before {@code -jar}: the JIT's first tier only. A server start is
     * short-lived, mostly single-threaded work (class loading from the nested jars, configuration classes, Camunda's
     * MyBatis mappings) that the optimising compiler cannot pay back within it, and on two cores its compiler threads
     * take CPU from the start itself: measured 37-44 s of CPU per start with both tiers, 29-34 s with the first alone.
     * The tools keep the default JIT: without the optimising tier the big-integer arithmetic of RSA key generation and
     * signing is not intrinsified ({@code pki} measured 5.3 s of CPU by default, 9-11 s with the first tier only). It
     * changes no behaviour of the jar; the arguments after {@code -jar} stay exactly as a user types them.
     */
    static final List<String> SERVER_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private final Path jar;
    private final Path workingDirectory;
    /** Concurrent: the methods of a test class may run commands beside each other (PackagedCommandsIT). */
    private final Map<String, String> environment = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PackagedJar(Path workingDirectory) {
        this.jar = Path.of(System.getProperty("arkisto.app.jar", "target/arkisto-app.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        this.workingDirectory = workingDirectory;
    }

    /** An environment variable every later command and server gets, as a user's {@code export}. */
    PackagedJar withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    /** What one command did: its exit status and everything it printed (stdout and stderr, in order). */
    record CommandRun(List<String> command, int exitCode, String output) {

        List<String> lines() {
            return output.lines().toList();
        }

        /** The last line as a terminal shows it: a bar redrawn with carriage returns shows its last drawing. */
        String lastLine() {
            List<String> lines = lines();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            return last.substring(last.lastIndexOf('\r') + 1);
        }

        /** What a user sees of it, for assertion messages. */
        String transcript() {
            return String.join(" ", command.subList(command.indexOf("-jar") + 2, command.size())) + "\n" + output;
        }

        CommandRun assertSucceeded() {
            assertThat(exitCode).as(transcript()).isZero();
            return this;
        }

        /** Nothing a user should not see: no stack trace, no exception class, no log line. */
        CommandRun assertNoStackTraceOrLogLines() {
            assertThat(output).as(transcript()).doesNotContain("\tat ", "Exception:", "Caused by")
                    .doesNotContainPattern("(?m)^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) \\d+ --- ");
            return this;
        }
    }

    /** Runs {@code java -jar arkisto-app.jar arguments...} in the working directory and waits for it to end. */
    CommandRun run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        Path output = workingDirectory.resolve("command-" + runs.incrementAndGet() + "-" + arguments[0] + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            assertThat(process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as(arguments[0] + " ended within " + COMMAND_TIMEOUT + ":\n" + Files.readString(output)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        // where a packaged-jar test spends its time, in the failsafe output
        System.out.printf("The packaged jar's %s ran %d ms%n", arguments[0], (System.nanoTime() - start) / 1_000_000);
        return new CommandRun(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Starts {@code java -jar arkisto-app.jar --server.port=<free> --arkisto.data-dir=DIR options...}; waits for health. */
    RunningServer startServer(Path dataDirectory, String... options) throws Exception {
        return startServer(freePort(), dataDirectory, options);
    }

    /** Starts the server as {@link #startServer(Path, String...)} does, on this port (a restart where clients wait). */
    RunningServer startServer(int port, Path dataDirectory, String... options) throws Exception {
        return startServer(port, dataDirectory, "http", http, options);
    }

    /**
     * Starts the server as {@link #startServer(Path, String...)} does, configured for TLS by {@code options}, and waits
     * for its health over https with a client trusting {@code trust}.
     */
    RunningServer startTlsServer(Path dataDirectory, SSLContext trust, String... options) throws Exception {
        return startServer(freePort(), dataDirectory, "https", HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(trust).build(), options);
    }

    private RunningServer startServer(int port, Path dataDirectory, String scheme, HttpClient client, String... options)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
        command.addAll(SERVER_JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--arkisto.data-dir=" + dataDirectory.toAbsolutePath()));
        command.addAll(List.of(options));
        Path log = workingDirectory.resolve("server-" + runs.incrementAndGet() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        RunningServer server = new RunningServer(builder.start(), scheme, port, log, client);
        server.awaitHealthy();
        System.out.printf("The packaged server answered health %d ms after its start%n", (System.nanoTime() - start) / 1_000_000);
        return server;
    }

    /** One server process: its port, its log, and a stop as an operator's SIGTERM. */
    static final class RunningServer implements AutoCloseable {

        private final Process process;
        private final String scheme;
        private final int port;
        private final Path log;
        private final HttpClient http;

        RunningServer(Process process, String scheme, int port, Path log, HttpClient http) {
            this.process = process;
            this.scheme = scheme;
            this.port = port;
            this.log = log;
            this.http = http;
        }

        int port() {
            return port;
        }

        URI uri(String path) {
            return URI.create(scheme + "://127.0.0.1:" + port + path);
        }

        String log() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return send(request, HttpResponse.BodyHandlers.ofString());
        }

        <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
            return http.send(request, body);
        }

        /** Waits until the log matches, as an operator watching it would; fails with the log's tail otherwise. */
        String awaitLog(Pattern pattern, Duration timeout) throws Exception {
            try {
                // polling an external process's log: there is no event to wait on
                return await("the log shows " + pattern).atMost(timeout).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            var matcher = pattern.matcher(log());
                            return matcher.find() ? matcher.group() : null;
                        }, Objects::nonNull);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The log did not show " + pattern + " within " + timeout + ":\n" + tail(), e);
            }
        }

        void awaitHealthy() throws Exception {
            try {
                // an IOException: the server socket opens only once the context is up
                await("the server is healthy").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                            if (!process.isAlive()) {
                                throw new AssertionError("The server exited with " + process.exitValue() + ":\n" + tail());
                            }
                            HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health"))
                                    .timeout(Duration.ofSeconds(5)).build());
                            return health.statusCode() == 200 && health.body().contains("\"UP\"");
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The server did not become healthy within " + START_TIMEOUT + ":\n" + tail(), e);
            }
        }

        /** What stopping did: how long from SIGTERM to the process's end, its exit status, and its log from then on. */
        record Stop(Duration took, int exitCode, String logAfterSignal) {
        }

        /** Sends SIGTERM, as {@code kill PID} or systemd does, and waits for the process to end. */
        Stop stop() throws Exception {
            int logLength = log().length();
            long start = System.nanoTime();
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The server did not stop within 60 s of SIGTERM:\n" + tail());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Stop(took, process.exitValue(), log().substring(logLength));
        }

        /** Sends SIGKILL, as {@code kill -9 PID} or the kernel's OOM killer does, and waits for the process to end. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("The server did not end within 30 s of SIGKILL");
            }
        }

        String tail() throws IOException {
            String text = log();
            return text.length() > 8000 ? text.substring(text.length() - 8000) : text;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
