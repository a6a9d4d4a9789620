package dev.pairing.producer;

import dev.pairing.endpoint.Health;
import dev.pairing.endpoint.KafkaClientMetrics;
import dev.pairing.endpoint.OperationsEndpoint;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.KafkaClientProperties;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.kafka.topics.TopicCheck;
import dev.pairing.runtime.OperationsFlags;
import dev.pairing.runtime.PipelineFlags;
import dev.pairing.schemas.registry.RegistryRefusedException;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;

/**
 * {@code pairing produce}: sends the number stream to the raw topic, with a progress line on stderr
 * every second and a summary at the end or on Ctrl-C.
 */
public final class ProducerCli {

    static final String COMMAND = "pairing produce";

    private ProducerCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    /**
     * The producer's command line.
     *
     * @return a new flag set
     */
    public static FlagSet flags() {
        return new FlagSet(COMMAND, "Sends numbers (valid, out of range, undecodable) to the raw topic, keyed by complement class.")
                .kafkaClient(PipelineFlags.DEFAULT_BOOTSTRAP_SERVERS)
                .option("topic", PipelineTopics.RAW, "the topic to write to")
                .option("rate", "100", "records per second; 0 = as fast as possible")
                .option("count", null, "stop after this many records (exclusive with --duration)")
                .option("duration", null, "stop after this long, e.g. 30s or 5m (exclusive with --count); "
                        + "without either, runs until Ctrl-C")
                .option("corruptRate", "0.01", "the share of corrupted records, 0..1")
                .option("seed", null, "random seed; the same seed sends the same values (default: random, printed)")
                .option("format", "avro", "value format: avro (single-object), text, or confluent "
                        + "(Confluent's wire format; registers NumberEvent under <topic>-value in --schemaRegistry)")
                .option("acks", "all", "all: every in-sync replica holds a record before it counts as sent (idempotent); "
                        + "1: the leader alone, so a record a cut-off or dying leader accepted can be lost (for drills)")
                .add(PipelineFlags.PAIR_SUM, OperationsFlags.METRICS_PORT);
    }

    /**
     * Runs the command and returns its exit code: 0 done, 1 records failed or the client gave up,
     * 2 a bad command line.
     *
     * @param onCtrlC whether Ctrl-C (a JVM shutdown) stops sending and still prints the summary
     */
    static int run(String[] args, PrintStream out, PrintStream err, boolean onCtrlC) {
        FlagSet flagSet = flags();
        NumberProducer.Settings settings;
        Properties client;
        Integer metricsPort;
        NumberProducer.Acks acks;
        try {
            ParsedFlags flags = flagSet.parse(args);
            if (flags.helpRequested()) {
                flagSet.printUsage(out);
                return 0;
            }
            settings = settings(flags);
            client = KafkaClientProperties.from(flags);
            metricsPort = OperationsFlags.METRICS_PORT.from(flags);
            acks = acks(flags);
        } catch (UsageException e) {
            err.println(COMMAND + ": " + e.getMessage());
            err.println();
            flagSet.printUsage(err);
            return 2;
        }
        out.printf("producing to %s on %s: rate %s, %s, seed %d, %s, corruptRate %s%n", settings.topic(),
                client.getProperty("bootstrap.servers"), settings.rate() == 0 ? "unlimited" : rate(settings.rate()) + "/s",
                limit(settings), settings.seed(), settings.format().name().toLowerCase(Locale.ROOT),
                settings.corruptRate());
        if (acks != NumberProducer.Acks.ALL) {
            out.println("acks 1: the leader alone confirms each record, without idempotence; a record a failing leader"
                    + " accepted can be lost");
        }
        String problem = TopicCheck.problem(client, settings.topic());
        if (problem != null) {
            err.println(COMMAND + ": " + problem);
            return 1;
        }
        if (settings.format() == NumberStream.Format.CONFLUENT) {
            try {
                settings = settings.withSchemaId(ValueSchemaRegistration.register(client, settings.topic(), out));
            } catch (IllegalArgumentException | RegistryRefusedException | RegistryUnavailableException e) {
                err.println(COMMAND + ": " + e.getMessage());
                return e instanceof IllegalArgumentException ? 2 : 1;
            }
        }
        CountDownLatch summarised = new CountDownLatch(1);
        try (NumberProducer producer = new NumberProducer(client, settings, acks);
                OperationsEndpoint endpoint = metricsPort == null ? null
                        : OperationsEndpoint.start(metricsPort, Health.RUNNING, new KafkaClientMetrics(producer::metrics))) {
            if (endpoint != null) {
                out.println("serving /metrics, /health/live and /health/ready on port " + endpoint.port());
            }
            if (onCtrlC) {
                // Ctrl-C stops sending; the hook holds the JVM until what was sent is flushed and summarised
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    producer.stop();
                    await(summarised);
                }, "producer-shutdown"));
            }
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "producer-progress");
                t.setDaemon(true);
                return t;
            });
            ProgressLine line = new ProgressLine();
            ticker.scheduleAtFixedRate(() -> err.println(line.next(producer.progress())), 1, 1, TimeUnit.SECONDS);
            int code = 0;
            try {
                producer.run();
            } catch (KafkaException e) {
                err.println(COMMAND + ": the Kafka client gave up: " + e.getMessage());
                code = 1;
            } finally {
                ticker.shutdownNow();
            }
            NumberProducer.Progress done = producer.progress();
            out.println(ProgressLine.summary(done));
            if (done.failed() > 0) {
                err.println(COMMAND + ": " + done.failed() + " records failed; last error: " + done.lastError());
                code = 1;
            }
            return code;
        } finally {
            out.flush();
            summarised.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a command line asks for, checked, without sending anything (tests, the compose check). */
    public static NumberProducer.Settings parse(String... args) throws UsageException {
        ParsedFlags flags = flags().parse(args);
        KafkaClientProperties.from(flags);
        return settings(flags);
    }

    static NumberProducer.Settings settings(ParsedFlags flags) throws UsageException {
        if (flags.isSet("count") && flags.isSet("duration")) {
            throw new UsageException("--count and --duration exclude each other: give one, or neither to run until Ctrl-C");
        }
        long count = flags.isSet("count") ? flags.longValue("count", 0, Long.MAX_VALUE) : -1;
        Duration duration = flags.isSet("duration") ? flags.duration("duration") : null;
        long seed = flags.isSet("seed") ? flags.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE)
                : ThreadLocalRandom.current().nextLong(1, 1_000_000);
        NumberStream.Format format = NumberStream.Format.valueOf(
                flags.choice("format", "avro", "text", "confluent").toUpperCase(Locale.ROOT));
        return new NumberProducer.Settings(
                flags.string("topic"),
                PipelineFlags.PAIR_SUM.from(flags),
                flags.doubleValue("corruptRate", 0, 1),
                format,
                seed,
                flags.doubleValue("rate", 0, 10_000_000),
                count,
                duration);
    }

    static NumberProducer.Acks acks(ParsedFlags flags) throws UsageException {
        return flags.choice("acks", "all", "1").equals("all") ? NumberProducer.Acks.ALL : NumberProducer.Acks.LEADER;
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    private static String limit(NumberProducer.Settings settings) {
        if (settings.count() >= 0) {
            return settings.count() + " records";
        }
        return settings.duration() != null ? "for " + settings.duration().toString().substring(2).toLowerCase(Locale.ROOT)
                : "until Ctrl-C";
    }
}
