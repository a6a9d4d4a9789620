package dev.pairing.streams;

import dev.pairing.endpoint.KafkaClientMetrics;
import dev.pairing.endpoint.OperationsEndpoint;
import dev.pairing.runtime.PipelineStartup;
import dev.pairing.runtime.StartupException;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import dev.pairing.streams.recovery.StreamThreadFailurePolicy;
import dev.pairing.streams.registry.RegistryPrefetch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: topics checked, topology built, KafkaStreams started, its state
 * transitions logged. The main class and in-process tests and benchmarks start it the same way.
 */
public final class PairingApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PairingApp.class);
    /** How long {@link #close()} waits for the last commit and the group leave. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private OperationsEndpoint endpoint;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch running = new CountDownLatch(1);

    private PairingApp(StreamsRunnerConfig config, Properties streamsProperties, PipelineStartup.Ready ready,
            KafkaStreams.StateListener transitions) {
        RegistryPrefetch.Control prefetch = RegistryPrefetch.install(streamsProperties, config.pipeline().registry(),
                config.pipeline().rawTopic());
        this.streams = new KafkaStreams(PairingTopology.build(config, ready), streamsProperties);
        prefetch.bind(streams);
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                LOG.info("RUNNING: pairing {} into {}, {} and {}", config.pipeline().rawTopic(),
                        config.pipeline().enrichedTopic(), config.pipeline().deadLetterTopic(),
                        config.pipeline().unpairedTopic());
                running.countDown();
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                terminated.countDown();
            }
            transitions.onChange(now, before);
        });
        // A thread that dies took its transaction with it; under exactly-once nothing is lost or
        // doubled either way. A transaction the broker already decided (a failover) gets a new
        // thread; anything else stops visibly rather than limp on, for a supervisor to restart.
        StreamThreadFailurePolicy policy = StreamThreadFailurePolicy.standard();
        streams.setUncaughtExceptionHandler(e -> {
            StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse response = policy.decide(e);
            if (response == StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD) {
                LOG.warn("stream thread failed on a transaction the broker already decided ({}); replacing it: "
                        + "its tasks restart from the last commit", StreamThreadFailurePolicy.transientCause(e), e);
            } else if (registryDown(e) != null) {
                LOG.error("{}; shutting the application down. No record was dead-lettered for it: the records "
                        + "not yet committed are read again when the runner is restarted against a working registry",
                        registryDown(e).getMessage(), e);
            } else {
                LOG.error("stream thread failed; shutting the application down", e);
            }
            return response;
        });
    }

    private static RegistryUnavailableException registryDown(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RegistryUnavailableException down) {
                return down;
            }
        }
        return null;
    }

    /**
     * Runs the start-up sequence ({@link PipelineStartup}: output schemas, topics, raw partitions),
     * then starts the application.
     *
     * @throws StartupException when a topic is missing and cannot be created, a topic is unfit, or the
     *                          registry refuses or cannot be reached
     */
    public static PairingApp start(StreamsRunnerConfig config) throws StartupException {
        return start(config, (now, before) -> { });
    }

    /**
     * As {@link #start(StreamsRunnerConfig)}, and tells {@code transitions} of each state change after
     * the application's own handling of it. Kafka Streams calls it outside its state lock, on the
     * thread that made the change: during a rebalance that is a stream thread, inside its poll, so a
     * listener that blocks there holds the rebalance open while {@link #state()} (and so the probes)
     * still answer. Tests hold a rebalance that way; the main class passes nothing.
     *
     * @param transitions told each change, as {@code onChange(now, before)}
     * @throws StartupException as {@link #start(StreamsRunnerConfig)}
     */
    static PairingApp start(StreamsRunnerConfig config, KafkaStreams.StateListener transitions)
            throws StartupException {
        PipelineStartup.Ready ready = PipelineStartup.prepare(config.pipeline(), config.deadLetterMaxRequestSize(),
                new PipelineStartup.Report() {
                    @Override
                    public void info(String line) {
                        LOG.info("{}", line);
                    }

                    @Override
                    public void warning(String line) {
                        LOG.warn("{}", line);
                    }
                });
        Properties streamsProperties = config.streamsProperties();
        Optional<String> instanceId = config.membership().resolveInstanceId(Path.of(config.stateDir()),
                config.applicationId());
        instanceId.ifPresent(id -> streamsProperties.put(CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG, id));
        LOG.info("joining group {} {}", config.applicationId(), instanceId.map(id -> "as static member " + id
                + " (a restart with the same id resumes without waiting for the session timeout)")
                .orElse("as a dynamic member"));
        PairingApp app = new PairingApp(config, streamsProperties, ready, transitions);
        app.streams.start();
        if (config.metricsPort() != null) {
            app.endpoint = OperationsEndpoint.start(config.metricsPort(), new StreamsHealth(app.streams),
                    new KafkaClientMetrics(app.streams::metrics));
            LOG.info("serving /metrics, /health/live and /health/ready on port {}", app.endpoint.port());
        }
        return app;
    }

    /**
     * The Kafka Streams state now.
     *
     * @return e.g. RUNNING, REBALANCING, ERROR
     */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The running instance, for metrics and state queries.
     *
     * @return the KafkaStreams instance this application started
     */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * The port of the application's {@code /metrics} and {@code /health} endpoint.
     *
     * @return the port, or -1 when it serves none
     */
    public int metricsPort() {
        return endpoint == null ? -1 : endpoint.port();
    }

    /**
     * Waits until the application first reaches RUNNING.
     *
     * @param timeout how long to wait
     * @return true when it did within the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Blocks until the application has stopped, cleanly or in error.
     *
     * @return the final state
     * @throws InterruptedException when interrupted while waiting
     */
    public KafkaStreams.State awaitTermination() throws InterruptedException {
        terminated.await();
        return streams.state();
    }

    /** Commits what was processed and leaves the group, waiting at most {@link #CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    /**
     * Commits what was processed and leaves the group.
     *
     * @param timeout how long to wait for that
     * @return true when it finished within the timeout
     */
    public boolean close(Duration timeout) {
        // leave the group: a restarted instance then gets its tasks at once instead of waiting
        // out the old member's session timeout (45 s by default)
        boolean closed = streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (!closed) {
            LOG.warn("Kafka Streams did not close within {}", timeout);
        }
        if (endpoint != null) {
            endpoint.close();
        }
        return closed;
    }
}
