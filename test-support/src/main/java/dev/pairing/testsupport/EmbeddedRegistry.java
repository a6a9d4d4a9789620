package dev.pairing.testsupport;

import dev.pairing.launcher.registry.LocalRegistry;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real schema registry (Apicurio, as its own JVM on a free port, started by the launcher) for one
 * test class. Its
 * schemas survive {@link #kill()} and {@link #restart()}, as a production registry's would.
 */
public final class EmbeddedRegistry implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private LocalRegistry registry;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("registry");
        registry = LocalRegistry.startOnFreePort(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        registry.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    /** The Confluent-compatible API's base URL: what {@code --schemaRegistry} takes. */
    public String url() {
        return registry.url();
    }

    /** A client of its own, with a cache of its own. */
    public SchemaRegistryClient client() {
        return new SchemaRegistryClient(RegistrySettings.of(url()));
    }

    public int register(String subject, String avroSchema) {
        return client().register(subject, avroSchema);
    }

    /** Sets a subject's compatibility level (BACKWARD, FULL, ...), as an operator would. */
    public void setCompatibility(String subject, String level) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(url() + "/config/" + subject))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the registry refused compatibility " + level + " for " + subject
                        + ": HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL. */
    public void kill() {
        registry.kill();
    }

    /** Starts it again on the same port, with its schemas; returns once it answers. */
    public void restart() {
        registry.restart();
    }

    /** Starts it again refusing every write (registration answers HTTP 409); {@link #restart()} undoes it. */
    public void restartReadOnly() {
        registry.restartReadOnly();
    }

    /** The subjects it holds, as its API lists them (a JSON array). */
    public String subjects() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/subjects")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
