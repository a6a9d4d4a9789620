package dev.pairing.launcher.registry;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.HttpProbe;
import dev.pairing.launcher.process.LaunchException;
import dev.pairing.launcher.process.Poll;
import dev.pairing.launcher.process.Ports;
import dev.pairing.registry.ApicurioRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real schema registry (Apicurio Registry from Maven Central's bundle), started like the broker: a
 * child JVM on loopback with its log and its H2 database under its data directory, so ids stay the
 * same across restarts, even after SIGKILL, as a production registry's would. The JVM flags keep it
 * near 200 MB.
 */
public final class LocalRegistry implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path bundle;
    private final Path dir;
    private final int port;
    private final Storage storage;
    private volatile ChildProcess process;
    private volatile boolean readOnly;

    private LocalRegistry(Path bundle, Path dir, int port, Storage storage) {
        this.bundle = bundle;
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.storage = storage;
    }

    /** @param flag the flag that moves it, for the message */
    public static void requirePortFree(int port, String flag) {
        Ports.requireFree(port, "the schema registry", flag);
    }

    /** Starts the bundle this checkout's build unpacked and returns once its Confluent-compatible API answers. */
    public static LocalRegistry start(LocalBuild build, Path dir, int port) {
        return start(build.registryBundle(), dir, port);
    }

    /**
     * With the bundle registry-lib's build unpacked ({@link ApicurioRegistry#bundle()}), on a free
     * port: for tests. A test JVM that ends without stopping it (an abort) takes it along.
     */
    public static LocalRegistry startOnFreePort(Path dir) {
        LocalRegistry registry = start(ApicurioRegistry.bundle(), dir, Ports.freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> registry.process().close(), "registry-reaper"));
        return registry;
    }

    /**
     * As {@link #startOnFreePort}, configured the way a container image is: by {@code environment}
     * alone (e.g. docker-compose.yml's {@code APICURIO_STORAGE_KIND}), with none of this project's
     * storage settings, so a test sees where that environment keeps the schemas.
     */
    public static LocalRegistry startAsImage(Path dir, Map<String, String> environment) {
        LocalRegistry registry = new LocalRegistry(ApicurioRegistry.bundle(), dir, Ports.freePort(),
                new Storage.ImageEnvironment(environment));
        registry.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> registry.process().close(), "registry-reaper"));
        return registry;
    }

    private static LocalRegistry start(Path bundle, Path dir, int port) {
        LocalRegistry registry = new LocalRegistry(bundle, dir, port, new Storage.DataDirectory());
        registry.launch();
        return registry;
    }

    /** The base URL of the Confluent-compatible API: what {@code --schemaRegistry} takes. */
    public String url() {
        return "http://127.0.0.1:" + port + ApicurioRegistry.CONFLUENT_API;
    }

    public int port() {
        return port;
    }

    public ChildProcess process() {
        return process;
    }

    public Path logFile() {
        return process.logFile();
    }

    /** SIGKILL, as a crash would. What it committed to its database stays. */
    public void kill() {
        process.kill();
    }

    /** Starts it again on the same port and data, after a kill or a stop; returns once it answers. */
    public void restart() {
        restart(false);
    }

    /**
     * Starts it again on the same port, with its schemas, refusing every write (a registry a
     * production team write-protects); {@link #restart()} makes it writable again.
     */
    public void restartReadOnly() {
        restart(true);
    }

    private void restart(boolean readOnly) {
        if (process.isAlive()) {
            process.kill();
        }
        this.readOnly = readOnly;
        launch();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private void launch() {
        ChildProcess started = ChildProcess.start("schema registry", storage.command(bundle, dir, port, readOnly),
                storage.environment(), dir.resolve("registry.log"));
        process = started;
        try {
            awaitAnswering(started);
        } catch (LaunchException e) {
            started.kill();
            throw e;
        }
    }

    /** Returns once its Confluent API answers; throws when the process dies first, or after two minutes. */
    private void awaitAnswering(ChildProcess started) {
        URI probe = URI.create(url() + "/subjects");
        boolean answered = Poll.until(START_TIMEOUT, Duration.ofMillis(200), () -> {
            if (!started.isAlive()) {
                throw new LaunchException("the schema registry exited while starting:\n" + started.logTail(20)
                        + "\nsee " + started.logFile());
            }
            boolean ok = HttpProbe.answersOk(probe, Duration.ofSeconds(5)); // false: not listening, or not answering, yet
            if (Thread.currentThread().isInterrupted()) {
                throw new LaunchException("interrupted while the schema registry started");
            }
            return ok;
        });
        if (!answered) {
            throw new LaunchException("the schema registry did not answer on port " + port + " within "
                    + START_TIMEOUT.toSeconds() + " s:\n" + started.logTail(20) + "\nsee " + started.logFile());
        }
    }

    /** Where it keeps its schemas, which decides its command line and its environment. */
    private sealed interface Storage {

        List<String> command(Path bundle, Path dir, int port, boolean readOnly);

        Map<String, String> environment();

        /** This project's settings: an H2 database under the data directory, read-only on request. */
        record DataDirectory() implements Storage {

            @Override
            public List<String> command(Path bundle, Path dir, int port, boolean readOnly) {
                return ApicurioRegistry.command(bundle, dir, port, readOnly);
            }

            @Override
            public Map<String, String> environment() {
                return Map.of();
            }
        }

        /** As its container image is configured: by this environment alone, none of this project's settings. */
        record ImageEnvironment(Map<String, String> environment) implements Storage {

            public ImageEnvironment {
                environment = Map.copyOf(environment);
            }

            @Override
            public List<String> command(Path bundle, Path dir, int port, boolean readOnly) {
                if (readOnly) {
                    throw new IllegalStateException(
                            "a registry configured as its image is takes its read-only mode from its environment");
                }
                return ApicurioRegistry.imageCommand(bundle, port);
            }
        }
    }
}
