package dev.pairing.flink;

import dev.pairing.runtime.PipelineStartup;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The sinks' {@code transaction.timeout.ms}. A sink's transaction stays open from one checkpoint
 * until the next one completes and commits it; if the job fails in between and comes back later than
 * the timeout, the broker has aborted a transaction the restored checkpoint counts as written, and
 * its records are lost. So the rule is: timeout > longest checkpoint + longest outage to survive
 * (TaskManager replacement, restart back-off, an operator away). The job therefore asks for as long
 * as the broker allows ({@code transaction.max.timeout.ms}), read from a broker when it starts; a
 * longer open transaction only delays read_committed readers while the job is down (a restarted job
 * aborts what its predecessor left open at once).
 */
public final class TransactionTimeout {

    static final String BROKER_MAXIMUM = "transaction.max.timeout.ms";
    /** Kafka's default {@code transaction.max.timeout.ms}: assumed when the broker's cannot be read. */
    static final Duration KAFKA_DEFAULT_MAXIMUM = Duration.ofMinutes(15);
    private static final long TIMEOUT_SECONDS = 15;

    private TransactionTimeout() {}

    /**
     * The config with {@code transaction.timeout.ms} decided: the one given, checked against the
     * broker's maximum, or else that maximum; Kafka's default maximum when the broker's cannot be read
     * (e.g. no DESCRIBE_CONFIGS permission on the cluster), which it says on {@code log}.
     *
     * @throws IllegalArgumentException when the given timeout exceeds the broker's maximum
     */
    public static PairingJobConfig resolve(PairingJobConfig config, PipelineStartup.Report report) {
        Optional<Duration> requested = config.requestedTransactionTimeout();
        Reading maximum = brokerMaximum(config.pipeline().kafkaProperties());
        Duration chosen = choose(requested, maximum.value());
        if (maximum.value().isEmpty()) {
            report.warning("could not read the broker's " + BROKER_MAXIMUM + " (" + maximum.failure() + "); "
                    + (requested.isPresent() ? "using the given transaction.timeout.ms=" + chosen.toMillis()
                            : "the sinks use transaction.timeout.ms=" + chosen.toMillis() + ", Kafka's default maximum")
                    + ". Output is lost if the job is down longer than that after a checkpoint; set"
                    + " --kafkaProperty transaction.timeout.ms to the broker's maximum");
        } else {
            report.info("sinks' transaction.timeout.ms=" + chosen.toMillis() + (requested.isPresent() ? " (given)" : "")
                    + "; the broker allows up to " + maximum.value().get().toMillis());
        }
        return config.withPipeline(config.pipeline().toBuilder()
                .kafkaProperty(PairingJobConfig.TRANSACTION_TIMEOUT_MS, Long.toString(chosen.toMillis())).build());
    }

    /** The given timeout if the broker allows it, else the broker's maximum, else Kafka's default maximum. */
    static Duration choose(Optional<Duration> requested, Optional<Duration> brokerMaximum) {
        if (requested.isPresent() && brokerMaximum.isPresent() && requested.get().compareTo(brokerMaximum.get()) > 0) {
            throw new IllegalArgumentException("transaction.timeout.ms=" + requested.get().toMillis()
                    + " exceeds the broker's " + BROKER_MAXIMUM + "=" + brokerMaximum.get().toMillis()
                    + ": the sinks' transactions would be refused; leave it out to use the broker's maximum,"
                    + " or raise the broker's");
        }
        return requested.or(() -> brokerMaximum).orElse(KAFKA_DEFAULT_MAXIMUM);
    }

    /** What a broker says its {@code transaction.max.timeout.ms} is, or why it could not be read. */
    record Reading(Optional<Duration> value, String failure) {}

    static Reading brokerMaximum(Properties client) {
        Properties props = new Properties();
        props.putAll(client);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_SECONDS * 1000));
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_SECONDS * 1000));
        try (Admin admin = Admin.create(props)) {
            Node broker = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("the cluster reports no broker"));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker.idString());
            Config config = admin.describeConfigs(java.util.List.of(resource)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
            ConfigEntry entry = config == null ? null : config.get(BROKER_MAXIMUM);
            if (entry == null || entry.value() == null) {
                return new Reading(Optional.empty(), "broker " + broker.idString() + " did not report it");
            }
            return new Reading(Optional.of(Duration.ofMillis(Long.parseLong(entry.value().trim()))), null);
        } catch (ExecutionException e) {
            return new Reading(Optional.empty(), e.getCause().toString());
        } catch (TimeoutException | RuntimeException e) {
            return new Reading(Optional.empty(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(Optional.empty(), "interrupted");
        }
    }
}
