package dev.pairing.local.demo;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.kafka.KafkaNodes;
import dev.pairing.local.chaos.ChaosPlan;
import dev.pairing.local.chaos.ChaosTarget;
import dev.pairing.producer.NumberStream;
import dev.pairing.runtime.PipelineFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What {@code pairing demo} runs.
 *
 * @param duration how long the producer sends, or null for until Ctrl-C
 * @param chaos    the kills {@code --chaos} makes, or null without it
 * @param guarantee exactly_once or at_least_once, as the runners' {@code --guarantee} spells it
 * @param consolePort the web console's port (0: a free one), or null without a console
 * @param metricsPort where the runner serves its Prometheus metrics: the Streams runner's port, or the
 *                    first of {@link #FLINK_METRICS_PORTS} for Flink's JobManager and TaskManagers
 */
public record DemoSettings(String engine, double rate, Duration duration, boolean fresh, Path dataDir,
        KafkaNodes kafka, FlinkPorts flinkPorts, int pairSum, double corruptRate, long seed,
        NumberStream.Format format, int partitions, int linesPerSecond, String groupId, int registryPort,
        ChaosPlan chaos, String guarantee, Integer consolePort, int metricsPort) {

    /**
     * The ports Flink's reporter takes from {@code --metricsPorts} on: the JobManager, two TaskManagers
     * under {@code --chaos}, and a replacement starting while the one it replaces still holds its port.
     */
    public static final int FLINK_METRICS_PORTS = 4;

    /** The nodes {@code --chaos} starts unless {@code --brokers} says otherwise: one may die while two stay in sync. */
    static final int CHAOS_BROKERS = 3;

    public static FlagSet flags() {
        return KafkaNodes.addFlags(new FlagSet("pairing demo",
                "Starts a local Kafka broker, the chosen runner and the producer, and shows pairs and dead letters live.\n"
                        + "Ctrl-C (or the end of --duration) stops everything and prints the final ledger."))
                .option("engine", "streams", "streams (Kafka Streams) or flink (a local Flink session cluster)")
                .option("rate", "50", "records per second the producer sends; 0 = as fast as possible")
                .option("duration", null, "how long the producer sends, e.g. 60s or 5m (default: until Ctrl-C)")
                .option("fresh", "false", "true: wipe the data directory first (a bare --fresh works too)")
                .option("dataDir", ".pairing", "where the broker's data, state and logs live")
                .option("restPort", "8081", "Flink's REST API and dashboard port (engine flink)")
                .option("rpcPort", "6123", "Flink's JobManager RPC port; rpcPort-2..rpcPort+3 are used (engine flink)")
                .add(PipelineFlags.PAIR_SUM)
                .option("corruptRate", "0.01", "the share of corrupted records the producer sends, 0..1")
                .option("seed", null, "the producer's random seed (default: random, printed)")
                .option("format", "avro", "raw value format: avro, text, or confluent (Confluent's wire format: starts a local "
                        + "schema registry, and the runner writes pairs and unpaired records in that format too)")
                .option("registryPort", "8085", "the schema registry's HTTP port (format confluent)")
                .add(PipelineFlags.PARTITIONS)
                .option("linesPerSecond", "5", "at most this many record lines per second are shown")
                .option("chaos", "false", "true: SIGKILL the runner (or a TaskManager) twice and a broker once, then freeze "
                        + "it (SIGSTOP) and cut the engine off from the brokers, each for " + ChaosPlan.LASTS.toSeconds()
                        + " s, at seeded moments; restart what dies as a supervisor would, and show the outages; needs "
                        + "3 brokers (the default with it) and runs " + ChaosPlan.DEFAULT_DURATION.toSeconds()
                        + "s unless --duration says otherwise (a bare --chaos works too)")
                .add(PipelineFlags.GUARANTEE.withHelp("the runner's processing guarantee: exactly_once, or at_least_once "
                        + "to see what a crash does without it (the ledger counts the duplicates)"))
                .option("console", "true", "false: serve no web console (a bare --console works too)")
                .option("consolePort", "8090", "the web console's port on 127.0.0.1, printed at start; 0 = a free one")
                .option("metricsPorts", "9400", "where the runner serves Prometheus metrics, which the console reads: "
                        + "the Streams runner's --metricsPort, or the first of " + FLINK_METRICS_PORTS
                        + " that Flink's JobManager and TaskManagers take (engine flink)");
    }

    private static final java.util.Set<String> BARE_BOOLEANS = java.util.Set.of("--fresh", "--chaos", "--console");

    /** A bare {@code --fresh} means {@code --fresh true}; so do a bare {@code --chaos} and {@code --console}. */
    public static String[] normalise(String[] args) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            out.add(args[i]);
            boolean bare = BARE_BOOLEANS.contains(args[i]) && (i + 1 >= args.length || args[i + 1].startsWith("--"));
            if (bare) {
                out.add("true");
            }
        }
        return out.toArray(String[]::new);
    }

    public static DemoSettings from(ParsedFlags flags) throws UsageException {
        String engine = flags.choice("engine", "streams", "flink");
        boolean chaos = Boolean.parseBoolean(flags.choice("chaos", "true", "false"));
        Duration duration = flags.isSet("duration") ? positive(flags.duration("duration"))
                : chaos ? ChaosPlan.DEFAULT_DURATION : null;
        long seed = flags.isSet("seed") ? flags.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE)
                : ThreadLocalRandom.current().nextLong(1, 1_000_000);
        return new DemoSettings(
                engine,
                flags.doubleValue("rate", 0, 10_000_000),
                duration,
                Boolean.parseBoolean(flags.choice("fresh", "true", "false")),
                Path.of(flags.string("dataDir")).toAbsolutePath().normalize(),
                chaos ? chaosNodes(flags) : KafkaNodes.from(flags),
                flinkPorts(flags),
                PipelineFlags.PAIR_SUM.from(flags),
                flags.doubleValue("corruptRate", 0, 1),
                seed,
                NumberStream.Format.valueOf(flags.choice("format", "avro", "text", "confluent").toUpperCase(Locale.ROOT)),
                PipelineFlags.PARTITIONS.from(flags),
                flags.intValue("linesPerSecond", 0, 10_000),
                "pairing-demo",
                flags.intValue("registryPort", 1, 65535),
                chaos ? chaosPlan(seed, duration, engine) : null,
                PipelineFlags.GUARANTEE.from(flags).flagValue(),
                Boolean.parseBoolean(flags.choice("console", "true", "false")) ? flags.intValue("consolePort", 0, 65535)
                        : null,
                flags.intValue("metricsPorts", 1, 65536 - FLINK_METRICS_PORTS));
    }

    /**
     * Three nodes unless {@code --brokers} says otherwise, and never fewer: with one node, a broker
     * SIGKILLed while it completes transactions loses their markers (Kafka 4.3.1), which no runner can
     * make up for; with two, the survivor is no KRaft majority.
     */
    private static KafkaNodes chaosNodes(ParsedFlags flags) throws UsageException {
        KafkaNodes nodes = KafkaNodes.from(flags, CHAOS_BROKERS);
        if (nodes.brokers() < CHAOS_BROKERS) {
            throw new UsageException("--chaos kills a broker and needs at least --brokers " + CHAOS_BROKERS
                    + " (the default with --chaos): with fewer, the cluster itself cannot survive the kill");
        }
        return nodes;
    }

    private static ChaosPlan chaosPlan(long seed, Duration duration, String engine) throws UsageException {
        try {
            return ChaosPlan.random(seed, duration, engine.equals("flink") ? ChaosTarget.TASKMANAGER : ChaosTarget.RUNNER);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public boolean atLeastOnce() {
        return guarantee.equals("at_least_once");
    }

    private static FlinkPorts flinkPorts(ParsedFlags flags) throws UsageException {
        try {
            return new FlinkPorts(flags.intValue("restPort", 1, 65535), flags.intValue("rpcPort", 3, 65532));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Duration positive(Duration duration) throws UsageException {
        if (duration.isZero()) {
            throw new UsageException("--duration must be positive; leave it out to run until Ctrl-C");
        }
        return duration;
    }

    /** The ports the runner's metrics take: one for the Streams runner, a range for Flink's processes. */
    public int lastMetricsPort() {
        return engine.equals("flink") ? metricsPort + FLINK_METRICS_PORTS - 1 : metricsPort;
    }

    /**
     * Every port the demo's flags give its processes, taken or not yet: what a port the demo picks
     * for itself must not be (the kernel hands out a port nobody holds yet, such as a controller's
     * before its node starts).
     */
    public Set<Integer> ownPorts() {
        Set<Integer> ports = new HashSet<>();
        KafkaNodes nodes = kafka();
        for (int n = 0; n < nodes.brokers(); n++) {
            ports.add(nodes.port() + n);
            ports.add(nodes.controllerPort() + n);
        }
        if (withRegistry()) {
            ports.add(registryPort());
        }
        if (engine.equals("flink")) {
            FlinkPorts flink = flinkPorts();
            ports.add(flink.rest());
            for (int port = flink.taskManagerData(); port <= flink.taskManagerQueryService(); port++) {
                ports.add(port);
            }
        }
        for (int port = metricsPort; port <= lastMetricsPort(); port++) {
            ports.add(port);
        }
        if (consolePort != null) {
            ports.add(consolePort);
        }
        return ports;
    }

    public boolean withRegistry() {
        return format == NumberStream.Format.CONFLUENT;
    }

    /** Where this engine's broker and state live: engines never share topics, so ledgers stay apart. */
    public Path engineDir() {
        return dataDir.resolve(engine);
    }
}
