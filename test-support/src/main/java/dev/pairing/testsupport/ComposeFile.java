package dev.pairing.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The repository's docker-compose.yml as data, so tests can put the containers' command lines
 * through the project's own flag parsers without a Docker engine.
 */
public final class ComposeFile {

    /** Where the containers reach the broker (its INTERNAL listener). */
    public static final String BROKER = "kafka:19092";

    private final Map<String, Object> services;

    private ComposeFile(Map<String, Object> services) {
        this.services = services;
    }

    @SuppressWarnings("unchecked")
    public static ComposeFile load() {
        Path file = repositoryRoot().resolve("docker-compose.yml");
        try {
            Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(file));
            return new ComposeFile((Map<String, Object>) compose.get("services"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> service(String name) {
        Object service = services.get(name);
        if (!(service instanceof Map<?, ?>)) {
            throw new AssertionError("no service " + name + " in docker-compose.yml: " + services.keySet());
        }
        return (Map<String, Object>) service;
    }

    /** A service's command: its list, or a one-element list for a string. */
    public List<String> command(String service) {
        return strings(service(service).get("command"));
    }

    /** The arguments after {@code jar} in an exec-form command. */
    public String[] argsAfter(String service, String jar) {
        List<String> command = command(service);
        int at = command.indexOf(jar);
        if (at < 0) {
            throw new AssertionError(jar + " not in the command of " + service + ": " + command);
        }
        return command.subList(at + 1, command.size()).toArray(String[]::new);
    }

    /** The arguments after {@code jar} in a shell-form command (a script with continuation lines). */
    public String[] scriptArgsAfter(String service, String jar) {
        String script = String.join("\n", command(service)).replace("\\\n", " ");
        int at = script.indexOf(jar);
        if (at < 0) {
            throw new AssertionError(jar + " not in the script of " + service + ": " + script);
        }
        return script.substring(at + jar.length()).trim().split("\\s+");
    }

    /** The registry's Confluent API as the containers reach it: its service name and container port. */
    public String registryUrl() {
        List<String> ports = strings(service("schema-registry").get("ports"));
        if (ports.size() != 1) {
            throw new AssertionError("the schema registry should publish one port: " + ports);
        }
        String containerPort = ports.get(0).substring(ports.get(0).lastIndexOf(':') + 1);
        return "http://schema-registry:" + containerPort + "/apis/ccompat/v7";
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
        return out;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
