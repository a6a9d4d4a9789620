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

    /** Where the containers reach the broker (its INTERNAL listener): the original project's address. */
    public static final String BROKER = "kafka:9094";
    /** Where the original project's submission finds the job jar in the JobManager's container. */
    public static final String JOB_JAR = "/opt/flink/usrlib/flink-runner.jar";
    /** The original project's submission after the jar: {@code flink run <JOB_JAR> <these>}. */
    public static final List<String> ORIGINAL_JOB_FLAGS = List.of("--pairSum", "12", "--bootstrapServers", BROKER,
            "--rawTopic", "raw-topic", "--groupId", "my-group", "--enrichedTopic", "enriched-topic", "--DLQ",
            "raw-events-dlq");

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

    /** A service's settings, with what it merges from anchors ({@code <<: *app}) filled in. */
    public Map<String, Object> service(String name) {
        Object service = services.get(name);
        if (!(service instanceof Map<?, ?>)) {
            throw new AssertionError("no service " + name + " in docker-compose.yml: " + services.keySet());
        }
        return merged(service);
    }

    /** The names of the services. */
    public java.util.Set<String> serviceNames() {
        return services.keySet();
    }

    /** A service's environment, merged anchors included; empty when it has none. */
    public Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> out = new java.util.TreeMap<>();
        if (environment instanceof List<?> list) {
            for (Object item : list) {
                String text = String.valueOf(item);
                int eq = text.indexOf('=');
                out.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
        } else if (environment != null) {
            merged(environment).forEach((key, value) -> out.put(key, String.valueOf(value)));
        }
        return out;
    }

    /**
     * A mapping with YAML merge keys resolved: the parser here reads YAML 1.2, where {@code <<} is an
     * ordinary key, while Compose reads it as YAML 1.1's merge. Keys of the mapping win over merged ones.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Object mapping) {
        Map<String, Object> in = (Map<String, Object>) mapping;
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        Object merge = in.get("<<");
        List<Object> sources = merge instanceof List<?> list ? (List<Object>) list : merge == null ? List.of() : List.of(merge);
        for (Object source : sources) {
            out.putAll(merged(source));
        }
        in.forEach((key, value) -> {
            if (!key.equals("<<")) {
                out.put(key, value);
            }
        });
        return out;
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

    /** Every string in the service's settings, at any depth: commands, environment, healthchecks. */
    public List<String> allStrings(String service) {
        List<String> out = new ArrayList<>();
        collect(service(service), out);
        return out;
    }

    private static void collect(Object value, List<String> out) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, out));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, out));
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
    }

    /** The repository's file next to docker-compose.yml, e.g. the Dockerfile. */
    public static Path besideIt(String name) {
        return repositoryRoot().resolve(name);
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
