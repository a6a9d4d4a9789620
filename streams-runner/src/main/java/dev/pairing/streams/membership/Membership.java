package dev.pairing.streams.membership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one runner instance belongs to its application's consumer group.
 *
 * <p>Static membership is what makes a crash cheap: an instance restarted in place rejoins under
 * the instance id it had, the coordinator hands it its old tasks without waiting for the dead
 * member's session to time out, and its transactional producer (Kafka Streams keeps its process id
 * in the state directory) fences the dead one's open transaction at once. The price is that an
 * instance that does not come back holds its tasks until its session times out, hence the shorter
 * default session. The id must be unique in the group and stable across restarts of one instance:
 * by default it is made once and kept next to the instance's state.
 *
 * @param instanceId      {@link #AUTO} (kept in the state directory), {@link #NONE} (dynamic
 *                        membership), or the id itself
 * @param standbyReplicas warm copies of each task's state kept on other instances, so a failover
 *                        need not restore the state from the changelog first
 */
public record Membership(String instanceId, int standbyReplicas) {

    public static final String AUTO = "auto";
    public static final String NONE = "none";
    /** Half of Kafka Streams' 45 s: how long a crashed instance that does not return holds its tasks. */
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;
    /**
     * Kafka Streams gives a task to a new instance at once only when that instance is this close
     * (in changelog records) to the task's state; otherwise it keeps the task where it is, warms a
     * copy up, and moves it at the next probing rebalance, 10 minutes later: scaling out would leave
     * the new instances idle that long. A pending number's state is a few dozen bytes, so a million
     * records restore in seconds; moving at once is the better trade here.
     */
    public static final long DEFAULT_ACCEPTABLE_RECOVERY_LAG = 1_000_000;
    static final String ID_FILE_SUFFIX = ".instance-id";
    /** Where Kafka Streams keeps its process id, under {@code <state.dir>/<application.id>/}. */
    static final String PROCESS_FILE = "kafka-streams-process-metadata";
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    private static final Pattern LEGAL_ID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    public Membership {
        if (!AUTO.equals(instanceId) && !NONE.equals(instanceId) && !LEGAL_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("the instance id '" + instanceId + "' must be 1 to 200 of"
                    + " a-z A-Z 0-9 . _ - (or '" + AUTO + "' or '" + NONE + "')");
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standby replicas must not be negative, got " + standbyReplicas);
        }
    }

    public static Membership defaults() {
        return new Membership(AUTO, 0);
    }

    /** The settings that do not depend on the state directory: standbys, session, task movement. */
    public void applyTo(Properties streams) {
        streams.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(standbyReplicas));
        streams.putIfAbsent(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, Long.toString(DEFAULT_ACCEPTABLE_RECOVERY_LAG));
        boolean sessionSet = streams.stringPropertyNames().stream().anyMatch(key -> key.endsWith("session.timeout.ms"));
        if (!NONE.equals(instanceId) && !sessionSet) {
            streams.put("session.timeout.ms", Integer.toString(DEFAULT_SESSION_TIMEOUT_MS));
        }
    }

    /**
     * The group.instance.id this instance runs with, made and kept in {@code stateDir} on first use
     * for {@link #AUTO}; empty for dynamic membership.
     *
     * <p>The file records the host and the directory the state was made for (with any membership).
     * State found on another host or in another directory is a copy or a move (a cloned disk, a volume
     * restored elsewhere): the original may still run with its instance id and with Kafka Streams'
     * process id, kept in the same directory, which also names the threads' transactional ids, and two
     * processes with one fence each other without end. Such state gets a new process id (and with
     * {@link #AUTO} a new instance id), with a warning; its stores are kept (the changelog brings them
     * up to date). A move of a single instance costs it one rejoin under the new ids. Two hosts of one
     * name copying to one path are not told apart: give those --instanceId and separate state.
     */
    public Optional<String> resolveInstanceId(Path stateDir, String applicationId) {
        return resolveInstanceId(stateDir, applicationId, host());
    }

    Optional<String> resolveInstanceId(Path stateDir, String applicationId, String host) {
        Path file = stateDir.resolve(applicationId + ID_FILE_SUFFIX);
        String directory = stateDir.toAbsolutePath().normalize().toString();
        try {
            KeptId kept = Files.exists(file) ? KeptId.read(file) : null;
            boolean moved = kept != null && !kept.madeFor(host, directory);
            if (moved) {
                // Kafka Streams' process id names the thread's transactional ids: two processes with one
                // fence each other's producers whatever their member ids
                LOG.warn("the state in {} was made on host {} in {}; this is host {} in {}. A copied or moved state"
                        + " directory would run with the original's Kafka Streams process id{}, and the two would"
                        + " fence each other without end: taking a new process id{} (the stores are kept, the"
                        + " changelog brings them up to date)", stateDir, kept.host(), kept.directory(), host,
                        directory, AUTO.equals(instanceId) ? " and static member id " + kept.id() : "",
                        AUTO.equals(instanceId) ? " and instance id (pass --instanceId to choose one yourself)" : "");
                Files.deleteIfExists(stateDir.resolve(applicationId).resolve(PROCESS_FILE));
            }
            String id;
            if (NONE.equals(instanceId)) {
                id = null;
            } else if (!AUTO.equals(instanceId)) {
                id = instanceId;
            } else if (kept != null && kept.id() != null && !moved) {
                id = kept.id();
            } else {
                id = made(applicationId, host);
            }
            KeptId here = new KeptId(AUTO.equals(instanceId) ? id : null, host, directory);
            if (!here.equals(kept)) {
                write(stateDir, file, here);
            }
            return Optional.ofNullable(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + file, e);
        }
    }

    /**
     * The instance id kept in a state directory, as {@link #AUTO} made it, for tools that look.
     *
     * @return empty when none is kept there
     */
    public static Optional<String> keptInstanceId(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + ID_FILE_SUFFIX);
        try {
            return Files.exists(file) ? Optional.ofNullable(KeptId.read(file).id()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the instance id kept in " + file, e);
        }
    }

    private static String made(String applicationId, String host) {
        String made = applicationId + "-" + host + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        made = made.replaceAll("[^a-zA-Z0-9._-]", "_");
        return made.length() > 200 ? made.substring(made.length() - 200) : made;
    }

    private static void write(Path stateDir, Path file, KeptId kept) throws IOException {
        Files.createDirectories(stateDir);
        Path temporary = Files.createTempFile(stateDir, file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, kept.text(), StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The id file: {@code id=} (for {@link #AUTO} only), {@code host=} and {@code directory=} lines; a
     * file of one line is an id kept before ids recorded their place (taken as made here).
     */
    record KeptId(String id, String host, String directory) {

        static KeptId read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
            String id = null;
            String host = null;
            String directory = null;
            if (lines.size() == 1 && !lines.get(0).contains("=")) {
                id = lines.get(0);
            } else {
                for (String line : lines) {
                    int eq = line.indexOf('=');
                    String key = eq < 0 ? line : line.substring(0, eq);
                    String value = eq < 0 ? "" : line.substring(eq + 1);
                    switch (key) {
                        case "id" -> id = value;
                        case "host" -> host = value;
                        case "directory" -> directory = value;
                        default -> { } // a later version's: ignored
                    }
                }
            }
            if (id != null && !LEGAL_ID.matcher(id).matches() || id == null && host == null) {
                throw new IllegalStateException("the instance id kept in " + file + " is not usable ('"
                        + String.join("\\n", lines) + "'): delete the file to get a new one, or pass --instanceId");
            }
            return new KeptId(id, host, directory);
        }

        boolean madeFor(String thisHost, String thisDirectory) {
            return host == null || (host.equals(thisHost) && thisDirectory.equals(directory));
        }

        String text() {
            return (id == null ? "" : "id=" + id + "\n") + "host=" + host + "\ndirectory=" + directory + "\n";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "host";
        }
    }
}
