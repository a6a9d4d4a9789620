package dev.pairing.launcher.registry;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.LaunchException;
import dev.pairing.launcher.process.Ports;
import dev.pairing.registry.ApicurioRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real schema registry for the local stack (Apicurio Registry from Maven Central's bundle), started
 * like the broker: a child JVM with its log and its H2 database under the data directory, so ids
 * stay the same across restarts.
 */
public final class LocalRegistry {

    private final ChildProcess process;
    private final int port;

    private LocalRegistry(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param flag the flag that moves it, for the message */
    public static void requirePortFree(int port, String flag) {
        Ports.requireFree(port, "the schema registry", flag);
    }

    /** Starts it and returns once its Confluent-compatible API answers. */
    public static LocalRegistry start(LocalBuild build, Path dir, int port) {
        ChildProcess process = ChildProcess.start("schema registry",
                ApicurioRegistry.command(build.registryBundle(), dir, port), Map.of(),
                dir.resolve("registry.log"));
        try {
            ApicurioRegistry.awaitAnswering(port, process::isAlive, process.logFile());
        } catch (IllegalStateException e) {
            process.kill();
            throw new LaunchException(e.getMessage() + "\n" + process.logTail(20));
        }
        return new LocalRegistry(process, port);
    }

    /** The base URL of the Confluent-compatible API: what {@code --schemaRegistry} takes. */
    public String url() {
        return "http://127.0.0.1:" + port + ApicurioRegistry.CONFLUENT_API;
    }

    public ChildProcess process() {
        return process;
    }

    public Path logFile() {
        return process.logFile();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }
}
