package dev.pairing.launcher.kafka;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.JavaCommand;
import dev.pairing.launcher.process.LaunchException;
import dev.pairing.launcher.process.Poll;
import dev.pairing.launcher.process.Ports;
import dev.pairing.netns.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real KRaft Kafka broker (broker and controller in one JVM) started from the project's own Maven
 * artifacts, as its own process: a single-node cluster, or one node of a {@link LocalKafkaCluster}. Its data survives a stop, so {@link #restart()}
 * and the next {@link #start} find the topics again. Tests use {@link #kill()} to crash it.
 */
public final class LocalKafka implements RunningKafka {

    /** The broker's main class, on its command line: how another terminal finds it. */
    public static final String MAIN_CLASS = "kafka.Kafka";
    /** How long a broker may take to answer after its JVM starts; usually a few seconds. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final LocalBuild build;
    private final Path dir;
    private final ClusterMember member;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final Map<String, String> extraProperties;
    private volatile ChildProcess process;

    LocalKafka(LocalBuild build, Path dir, ClusterMember member, String clusterId,
            Map<String, String> extraProperties) {
        this.build = build;
        this.dir = dir.toAbsolutePath();
        this.member = member;
        this.port = member.port();
        this.controllerPort = member.controllerPort();
        this.clusterId = clusterId;
        this.extraProperties = new LinkedHashMap<>(extraProperties);
    }

    /**
     * Starts a broker keeping its data, configuration and log in {@code dir}, formatting the storage
     * on first use, and returns once it answers an Admin call.
     *
     * @throws dev.pairing.launcher.process.Ports.PortTakenException when a port is taken
     * @throws LaunchException when it exits or does not answer in time (the message names the log)
     */
    public static LocalKafka start(LocalBuild build, Path dir, int port, int controllerPort) {
        return start(build, dir, port, controllerPort, Map.of());
    }

    /**
     * As {@link #start(LocalBuild, Path, int, int)}, with server properties added after the
     * generated ones, which they override: e.g. a SASL listener next to the PLAINTEXT one (give
     * {@code listeners}, {@code advertised.listeners} and {@code listener.security.protocol.map} in
     * full), an authorizer, super users. The PLAINTEXT listener on {@code port} must stay, and its
     * principal must be allowed to describe the cluster: readiness is checked through it.
     */
    public static LocalKafka start(LocalBuild build, Path dir, int port, int controllerPort,
            Map<String, String> extraProperties) {
        LocalKafka kafka = new LocalKafka(build, dir, ClusterMember.single(port, controllerPort),
                Uuid.randomUuid().toString(), extraProperties);
        kafka.launch();
        return kafka;
    }

    /** Its own listener's address: 127.0.0.1, or its test host's address. */
    public String bootstrapServers() {
        return member.address() + ":" + port;
    }

    /** The test host it runs on, when a {@link NodePlacement} put it on one. */
    public Optional<Host> host() {
        return member.host();
    }

    public int port() {
        return port;
    }

    /** The KRaft node id: 1, or 1..N in a {@link LocalKafkaCluster}. */
    public int nodeId() {
        return member.nodeId();
    }

    public Path logFile() {
        return dir.resolve("logs/server.log");
    }

    public Path dataDir() {
        return dir;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public List<ChildProcess> processes() {
        return process == null ? List.of() : List.of(process);
    }

    @Override
    public Optional<String> failure() {
        if (process == null || process.isAlive()) {
            return Optional.empty();
        }
        return Optional.of("the Kafka broker" + (member.clusterSize() > 1 ? " (node " + member.nodeId() + ")" : "")
                + " exited (status " + process.onExit().join().exitValue() + "); see " + logFile());
    }

    /** Whether a signal ended it (a crash, a kill from another terminal): a supervisor restarts it then. */
    public boolean killedBySignal() {
        ChildProcess node = process;
        return node != null && node.killedBySignal();
    }

    /** "node 2 (pid 1234)", or "the broker (pid 1234)" when it is the only one. */
    public String describe() {
        return (member.clusterSize() > 1 ? "node " + member.nodeId() : "the broker") + " (pid "
                + (process == null ? "-" : Long.toString(process.pid())) + ")";
    }

    @Override
    public List<LocalKafka> nodes() {
        return List.of(this);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the broker dies without a clean shutdown, as in a crash. */
    public void kill() {
        process.kill();
    }

    /** A clean shutdown (SIGTERM), waiting until the process is gone. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.stop(STOP_GRACE);
        }
    }

    /** Stops it if it runs, then starts it again on the same data and ports. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * @throws dev.pairing.launcher.process.Ports.PortTakenException naming the port and its flag
     */
    public static void requirePortsFree(int port, int controllerPort) {
        Ports.requireFree(port, "the Kafka broker", "--port");
        Ports.requireFree(controllerPort, "the Kafka controller", "--controllerPort");
    }

    private void launch() {
        spawn();
        awaitReady();
    }

    /**
     * Writes the configuration, formats the storage on first use and starts the JVM, without
     * waiting: the nodes of a cluster answer only once a majority of them runs.
     */
    void spawn() {
        if (member.host().isEmpty()) {
            // a test host's namespace has its ports to itself
            requirePortsFree(port, controllerPort);
        }
        try {
            Files.createDirectories(dir.resolve("logs"));
            Path config = dir.resolve("server.properties");
            Files.writeString(config, BrokerConfig.serverProperties(dir.resolve("data"), member)
                    + BrokerConfig.extraProperties(extraProperties));
            Files.writeString(dir.resolve("log4j2.properties"), BrokerConfig.logConfig(logFile()));
            if (!Files.exists(dir.resolve("data/meta.properties"))) {
                format(config);
            }
            List<String> command = broker(config);
            process = ChildProcess.start(member.clusterSize() == 1 ? "kafka broker" : "kafka node " + member.nodeId(),
                    member.host().map(host -> host.command(command)).orElse(command), Map.of(),
                    dir.resolve("logs/kafka.out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JavaCommand java() {
        return build.javaCommand().jarsIn(build.kafkaLib())
                .jvm("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri(),
                        "-Dkafka.logs.dir=" + dir.resolve("logs"));
    }

    private List<String> broker(Path config) {
        return java().jvm("-Xms512m", "-Xmx512m", "-XX:+UseG1GC")
                .guardedMain(MAIN_CLASS).args(config.toString()).toList();
    }

    private void format(Path config) {
        ChildProcess storageTool = ChildProcess.start("kafka storage format",
                java().jvm("-Xmx256m").guardedMain("kafka.tools.StorageTool")
                        .args("format", "-t", clusterId, "-c", config.toString()).toList(),
                Map.of(), dir.resolve("logs/format.out"));
        int status = storageTool.waitFor(Duration.ofSeconds(60));
        if (status != 0) {
            throw new LaunchException("formatting the broker's storage failed (exit " + status + "):\n"
                    + storageTool.logTail(20) + "\nsee " + storageTool.logFile());
        }
    }

    /** Returns once this node answers an Admin call; throws when it exits or takes too long. */
    void awaitReady() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        boolean answered;
        try (Admin admin = Admin.create(props)) {
            answered = Poll.until(READY_TIMEOUT, Duration.ofMillis(200), () -> {
                if (!process.isAlive()) {
                    throw new LaunchException("the Kafka broker exited during startup:\n" + process.logTail(15)
                            + "\nsee " + logFile() + " and " + process.logFile());
                }
                return answers(admin);
            });
        }
        if (!answered) {
            process.stop(Duration.ofSeconds(10));
            throw new LaunchException("the Kafka broker did not answer on " + bootstrapServers() + " within "
                    + READY_TIMEOUT.toSeconds() + " s; see " + logFile());
        }
    }

    private static boolean answers(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false; // not up yet
        }
    }
}
