package dev.pairing.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A real Apicurio Registry as a child JVM, bound to loopback, storing its schemas in an H2 file
 * under its data directory (so a restart, even after SIGKILL, keeps every id, as a production
 * registry would), logging to {@code registry.log} there. Its Confluent-compatible API is at
 * {@link #confluentApiUrl()}. The JVM flags keep it near 200 MB.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** Overrides where the unpacked bundle is, for a jar of this module used outside its build. */
    public static final String BUNDLE_PROPERTY = "pairing.registry.bundle";
    public static final String CONFLUENT_API = "/apis/ccompat/v7";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path bundle;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private Process process;

    private ApicurioRegistry(Path bundle, Path dataDir, int port) {
        this.bundle = bundle;
        this.dataDir = dataDir.toAbsolutePath();
        this.log = this.dataDir.resolve("registry.log");
        this.port = port;
    }

    /** Starts the registry on this port (0 picks a free one) and returns once it answers. */
    public static ApicurioRegistry start(Path bundle, Path dataDir, int port) {
        ApicurioRegistry registry = new ApicurioRegistry(bundle, dataDir, port == 0 ? freePort() : port);
        registry.launch();
        return registry;
    }

    /** With the bundle this module's build unpacked, on a free port. */
    public static ApicurioRegistry startOnFreePort(Path dataDir) {
        return start(bundle(), dataDir, 0);
    }

    /** The unpacked bundle: {@code -Dpairing.registry.bundle}, else where this module's build put it. */
    public static Path bundle() {
        String override = System.getProperty(BUNDLE_PROPERTY);
        if (override != null) {
            return Path.of(override);
        }
        try (InputStream in = ApicurioRegistry.class.getResourceAsStream("bundle.properties")) {
            Properties props = new Properties();
            props.load(in);
            return Path.of(props.getProperty("bundle.dir"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path runnerJar(Path bundle) {
        try (var files = Files.list(bundle)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Apicurio runner jar in " + bundle
                            + ": build launcher/registry-lib first (./mvnw -pl launcher/registry-lib package)"));
        } catch (IOException e) {
            throw new IllegalStateException(bundle + " is missing: build launcher/registry-lib first", e);
        }
    }

    /** The command line, for anyone who runs it their own way (the foreground command, a supervisor). */
    public static List<String> command(Path bundle, Path dataDir, int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                // no anonymous usage reports, no dev UI: a quiet local process
                "-Dquarkus.analytics.disabled=true",
                "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/registry"),
                "-jar", runnerJar(bundle).toString()));
        return command;
    }

    public int port() {
        return port;
    }

    /** The base URL of the Confluent-compatible API, what {@code --schemaRegistry} takes. */
    public String confluentApiUrl() {
        return "http://127.0.0.1:" + port + CONFLUENT_API;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, as a crash would. What it committed to its database stays. */
    public void kill() {
        process.destroyForcibly();
        waitFor(process);
    }

    /** Starts it again on the same port. */
    public void restart() {
        if (process.isAlive()) {
            kill();
        }
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor(process);
        }
    }

    private void launch() {
        try {
            Files.createDirectories(dataDir);
            process = new ProcessBuilder(command(bundle, dataDir, port))
                    .directory(bundle.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the schema registry", e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        try {
            awaitAnswering(port, started::isAlive, log);
        } catch (IllegalStateException e) {
            started.destroyForcibly();
            throw e;
        }
    }

    /**
     * Waits until a registry started on this port answers its Confluent API.
     *
     * @throws IllegalStateException when the process dies first, or after two minutes
     */
    public static void awaitAnswering(int port, BooleanSupplier alive, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CONFLUENT_API + "/subjects"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("the schema registry exited while starting; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // listening but not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the schema registry started", e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("the schema registry did not answer on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis()); // polling a starting process, which tells nobody when it is ready
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the schema registry started", e);
        }
    }
}
