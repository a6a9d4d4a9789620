package dev.pairing.streams.membership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;

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
     */
    public Optional<String> resolveInstanceId(Path stateDir, String applicationId) {
        if (NONE.equals(instanceId)) {
            return Optional.empty();
        }
        if (!AUTO.equals(instanceId)) {
            return Optional.of(instanceId);
        }
        Path file = stateDir.resolve(applicationId + ID_FILE_SUFFIX);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!LEGAL_ID.matcher(kept).matches()) {
                    throw new IllegalStateException("the instance id kept in " + file + " is not usable ('" + kept
                            + "'): delete the file to get a new one, or pass --instanceId");
                }
                return Optional.of(kept);
            }
            String made = applicationId + "-" + host() + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            made = made.replaceAll("[^a-zA-Z0-9._-]", "_");
            if (made.length() > 200) {
                made = made.substring(made.length() - 200);
            }
            Files.createDirectories(stateDir);
            Path temporary = Files.createTempFile(stateDir, applicationId, ".tmp");
            Files.writeString(temporary, made + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(made);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + file, e);
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
