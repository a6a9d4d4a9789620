package dev.pairing.producer;

import dev.pairing.placement.ClassPartitioner;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a {@link NumberStream} to a topic at a steady rate until a count, a duration or
 * {@link #stop()}, whichever comes first, then flushes. Idempotent with {@code acks=all}, so a retry
 * never duplicates or reorders a record within its partition. Usable as a library: the demo runs it
 * in its own JVM and shows {@link #progress()}.
 */
public final class NumberProducer implements AutoCloseable {

    /**
     * What to send.
     *
     * @param rate     records per second, 0 = as fast as possible
     * @param count    how many records to send, or -1 for no limit
     * @param duration how long to send, or null for no limit
     * @param schemaId the registry's id of the value schema for {@code CONFLUENT}, else -1
     */
    public record Settings(String topic, int pairSum, double corruptRate, NumberStream.Format format, long seed,
            double rate, long count, Duration duration, int schemaId) {

        public Settings(String topic, int pairSum, double corruptRate, NumberStream.Format format, long seed,
                double rate, long count, Duration duration) {
            this(topic, pairSum, corruptRate, format, seed, rate, count, duration, -1);
        }

        /** The same, with the registry's id of the schema values are written with ({@code --format confluent}). */
        public Settings withSchemaId(int id) {
            return new Settings(topic, pairSum, corruptRate, format, seed, rate, count, duration, id);
        }
    }

    /** Which brokers must hold a record before the producer counts it as acknowledged ({@code --acks}). */
    public enum Acks {
        /** Every in-sync replica, idempotent: what this producer promises unless told otherwise. */
        ALL("all"),
        /**
         * The partition's leader alone, not idempotent: a record that a cut-off or dying leader
         * accepted can be lost when another replica takes over. For drills that must show that loss.
         */
        LEADER("1");

        private final String config;

        Acks(String config) {
            this.config = config;
        }

        /** As the flag and Kafka's {@code acks} spell it: all or 1. */
        public String flagValue() {
            return config;
        }
    }

    /** Counts so far; {@code sent} records were handed to the client, {@code acked} confirmed by the broker. */
    public record Progress(long sent, long acked, long failed, Map<NumberStream.Kind, Long> kinds, String lastError) {}

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final Producer<byte[], byte[]> producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<NumberStream.Kind, AtomicLong> kinds = new EnumMap<>(NumberStream.Kind.class);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Thread runner;

    public NumberProducer(Properties clientProperties, Settings settings) {
        this(clientProperties, settings, Acks.ALL);
    }

    /** The same, with {@code acks} instead of every in-sync replica. */
    public NumberProducer(Properties clientProperties, Settings settings, Acks acks) {
        this.settings = settings;
        this.producer = new KafkaProducer<>(producerProperties(clientProperties, acks));
        for (NumberStream.Kind kind : NumberStream.Kind.values()) {
            kinds.put(kind, new AtomicLong());
        }
    }

    /** The client settings: the user's, with the delivery guarantees this producer promises on top. */
    static Properties producerProperties(Properties clientProperties, Acks acks) {
        Properties props = new Properties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "pairing-producer");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // each class in the partition the Streams runner expects it in (--inputKeyedByClass), spread evenly
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClassPartitioner.class.getName());
        props.putAll(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, acks.flagValue());
        // idempotence needs acks=all: the client refuses the two together otherwise
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(acks == Acks.ALL));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /**
     * Sends until the count or duration is reached or {@link #stop()} is called, then waits until
     * every record is acknowledged or failed. Runs on the caller's thread.
     *
     * @throws KafkaException when the client can no longer send (authorization, a fatal producer error)
     */
    public void run() {
        runner = Thread.currentThread();
        NumberStream stream = new NumberStream(settings.pairSum(), settings.corruptRate(), settings.format(),
                settings.seed(), settings.schemaId());
        SendPace pace = new SendPace(settings.rate());
        long start = System.nanoTime();
        long end = settings.duration() == null ? Long.MAX_VALUE : start + settings.duration().toNanos();
        try {
            while (!stopRequested && !countReached()) {
                long now = System.nanoTime();
                if (now - end >= 0) {
                    break;
                }
                long due = pace.dueBy(now - start);
                while (sent.get() < due && !stopRequested && !countReached() && System.nanoTime() - end < 0) {
                    send(stream.next(System.currentTimeMillis()));
                }
                if (!pace.unlimited()) {
                    long wakeAt = start + pace.dueAtNanos(sent.get());
                    LockSupport.parkNanos(Math.min(wakeAt, end) - System.nanoTime());
                }
            }
            producer.flush();
        } finally {
            finished.countDown();
        }
    }

    private boolean countReached() {
        return settings.count() >= 0 && sent.get() >= settings.count();
    }

    private void send(NumberStream.Generated record) {
        sent.incrementAndGet();
        kinds.get(record.kind()).incrementAndGet();
        producer.send(new ProducerRecord<>(settings.topic(), record.key(), record.value()), (metadata, error) -> {
            if (error == null) {
                acked.incrementAndGet();
            } else {
                failed.incrementAndGet();
                lastError.set(error.getClass().getSimpleName() + ": " + error.getMessage());
                if (error instanceof AuthenticationException || error instanceof AuthorizationException) {
                    // no retry will fix credentials or ACLs: stop rather than fail every record to come
                    stop();
                }
            }
        });
    }

    /** Asks {@link #run()} to stop sending, flush and return; safe from any thread, e.g. a shutdown hook. */
    public void stop() {
        stopRequested = true;
        Thread thread = runner;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Waits until {@link #run()} has returned. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The Kafka producer's metrics, for the Prometheus endpoint.
     *
     * @return the client's registry, live
     */
    public Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    public Progress progress() {
        Map<NumberStream.Kind, Long> byKind = new EnumMap<>(NumberStream.Kind.class);
        kinds.forEach((kind, n) -> byKind.put(kind, n.get()));
        return new Progress(sent.get(), acked.get(), failed.get(), byKind, lastError.get());
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
