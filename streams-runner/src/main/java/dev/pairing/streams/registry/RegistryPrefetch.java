package dev.pairing.streams.registry;

import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry's retries off the exactly-once transaction's clock. Under exactly-once a stream
 * thread's output commits in one transaction per commit interval, which the broker aborts after
 * {@code transaction.timeout.ms} (10 s in Kafka Streams): a record that waited inside it for a
 * registry outage longer than that fenced the thread. Kafka Streams lets no processor put a record
 * back, but it polls before it processes and it keeps committing while paused ({@link KafkaStreams#pause()},
 * KIP-834: a paused instance skips processing and punctuation, still polls and commits).
 *
 * <p>So this consumer interceptor on the main consumer reads the schema ids of the raw records a poll
 * returns, before any of them is processed, and has the registry client fetch the ones it has no
 * answer for in the background. When they do not all arrive within {@link #QUICK_WAIT}, it pauses the
 * instance: the open transaction commits at the next commit interval, nothing new starts, and the
 * fetch retries for the registry's budget without a transaction open; the instance resumes once every
 * id has an answer. If the budget runs out, the decoder gets the client's failure for that id and the
 * application stops as before, no record dead-lettered for the registry's fault.
 */
public final class RegistryPrefetch implements ConsumerInterceptor<byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryPrefetch.class);
    /** How long a poll waits for the registry before processing pauses: well inside the transaction timeout. */
    static final Duration QUICK_WAIT = Duration.ofSeconds(1);
    /** The consumer setting that carries the {@link Control} to the interceptor instance the consumer makes. */
    static final String CONTROL = "pairing.registry.prefetch.control";

    private Control control;

    /**
     * Adds the interceptor to the main consumer's settings when the pipeline reads with a registry.
     *
     * @param streams the KafkaStreams properties about to be used (changed in place)
     * @return the control to {@link Control#bind} to the instance before it starts; unbound, or
     *         without a registry, it does nothing
     */
    public static Control install(Properties streams, Optional<RegistrySettings> registry, String rawTopic) {
        Control control = new Control(registry.map(SchemaRegistryClient::shared).orElse(null), rawTopic);
        if (registry.isEmpty()) {
            return control;
        }
        String key = StreamsConfig.mainConsumerPrefix("interceptor.classes");
        String given = firstSet(streams, key, StreamsConfig.consumerPrefix("interceptor.classes"), "interceptor.classes");
        streams.put(key, given == null ? RegistryPrefetch.class.getName() : given + "," + RegistryPrefetch.class.getName());
        streams.put(StreamsConfig.mainConsumerPrefix(CONTROL), control); // an object: no string can name it
        return control;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        control = configs.get(CONTROL) instanceof Control given ? given : null;
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        if (control == null || control.registry == null) {
            return records;
        }
        Set<Integer> ids = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records.records(control.rawTopic)) {
            int id = RawValueCodec.registrySchemaId(record.value());
            if (id >= 0 && !control.registry.hasAnswer(id)) {
                ids.add(id);
            }
        }
        if (!ids.isEmpty()) {
            control.await(ids);
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public void close() {}

    private static String firstSet(Properties props, String... keys) {
        for (String key : keys) {
            Object value = props.get(key);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return null;
    }

    /** Pauses and resumes one KafkaStreams instance for the fetches of all its threads. */
    public static final class Control {

        private final SchemaRegistryClient registry;
        private final String rawTopic;
        private KafkaStreams streams;
        private int waiting;
        private long pausedAt;

        Control(SchemaRegistryClient registry, String rawTopic) {
            this.registry = registry;
            this.rawTopic = rawTopic;
        }

        /** The instance to pause; before it starts. */
        public synchronized void bind(KafkaStreams instance) {
            this.streams = instance;
        }

        void await(Set<Integer> ids) {
            CompletableFuture<Void> answers = registry.prefetch(ids);
            try {
                answers.get(QUICK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                // the registry is slow or down: wait with processing paused, off the transaction's clock
            } catch (ExecutionException e) {
                return; // never: the prefetch completes normally, its failures stay with the ids
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            paused(ids);
            answers.whenComplete((done, failure) -> resumed(ids));
        }

        private synchronized void paused(Set<Integer> ids) {
            if (streams == null) {
                return;
            }
            if (waiting++ == 0) {
                pausedAt = System.nanoTime();
                streams.pause();
                LOG.warn("the schema registry at {} has not answered for schema ids {} within {} ms: processing is"
                        + " paused (the open transaction commits meanwhile, so the wait does not run on its timeout)"
                        + " until it answers, for at most {} s", registry.settings().url(), ids, QUICK_WAIT.toMillis(),
                        registry.settings().unavailableBudget().toSeconds());
            }
        }

        private synchronized void resumed(Set<Integer> ids) {
            if (streams == null || waiting == 0) {
                return;
            }
            if (--waiting == 0) {
                streams.resume();
                LOG.info("processing resumes after {} s of waiting for the schema registry (schema ids {}); an id"
                        + " it never answered for within its budget stops the stream thread at its record",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - pausedAt), ids);
            }
        }
    }
}
