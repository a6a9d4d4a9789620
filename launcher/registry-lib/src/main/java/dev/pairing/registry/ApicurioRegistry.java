package dev.pairing.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Apicurio Registry's runnable bundle, as this module's build unpacked it, and the command line that
 * runs it: bound to loopback, its schemas in an H2 file under its data directory, the JVM flags
 * keeping it near 200 MB. The launcher's {@code LocalRegistry} starts and stops it.
 */
public final class ApicurioRegistry {

    /** Overrides where the unpacked bundle is, for a jar of this module used outside its build. */
    public static final String BUNDLE_PROPERTY = "pairing.registry.bundle";
    /** Where its Confluent-compatible API is: what {@code --schemaRegistry} takes after host and port. */
    public static final String CONFLUENT_API = "/apis/ccompat/v7";

    private ApicurioRegistry() {}

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
        return command(bundle, dataDir, port, false);
    }

    /**
     * As {@link #command(Path, Path, int)}; with {@code readOnly}, Apicurio's read-only mode: lookups
     * answer, every write is refused (HTTP 409), as a registry a production team write-protects.
     */
    public static List<String> command(Path bundle, Path dataDir, int port, boolean readOnly) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                // no anonymous usage reports, no dev UI: a quiet local process
                "-Dquarkus.analytics.disabled=true",
                // WRITE_DELAY=0: H2 otherwise writes a commit up to a second later, and a kill right after a
                // registration loses it (seen: three schemas registered, then SIGKILL, one left after the restart)
                "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/registry")
                        + ";WRITE_DELAY=0"));
        if (readOnly) {
            command.add("-Dapicurio.storage.read-only.enabled=true");
        }
        command.addAll(List.of("-jar", runnerJar(bundle).toString()));
        return command;
    }
}
