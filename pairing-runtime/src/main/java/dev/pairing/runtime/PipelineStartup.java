package dev.pairing.runtime;

import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.kafka.topics.TopicContractException;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import dev.pairing.schemas.registry.RegistryRefusedException;
import dev.pairing.schemas.registry.RegistryStartup;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What every runner does before its engine starts, in one order with one kind of failure:
 * <ol>
 *   <li>with a schema registry, its URL checked to answer Confluent's API, and with Confluent's
 *       output format the output schemas' ids found (registered or looked up, {@link RegistryStartup}),
 *       so every instance, restart and rescale writes the same schema ids;</li>
 *   <li>the {@link TopicContract}: missing topics created (or named), the topics' settings checked,
 *       and how large a dead letter may be learnt;</li>
 *   <li>no other pipeline writing the outputs ({@code SharedOutputGuard});</li>
 *   <li>the raw topic's partition count, which places each class of keyed input.</li>
 * </ol>
 * It runs where the runner is started (the Streams runner's JVM, the Flink client before the job is
 * submitted), so a wrong address, a missing permission or a compacted output is reported at once,
 * in one line, instead of as tasks failing over and over.
 */
public final class PipelineStartup {

    private static final String ADMIN_REQUEST_TIMEOUT_MS = "30000";
    private static final String COMPRESSION_TYPE = "compression.type";
    private static final String ADMIN_API_TIMEOUT_MS = "60000";

    /**
     * What start-up found: the spec to run (with the output schema ids filled in) and the topics' facts.
     *
     * @param spec            the spec, its output encoding registered
     * @param deadLetterLimit the most bytes one dead letter may take; larger ones are cut to fit
     * @param rawPartitions   the raw topic's partition count
     * @param createdTopics   the topics start-up created
     */
    public record Ready(PipelineSpec spec, int deadLetterLimit, int rawPartitions, List<String> createdTopics) {}

    /** Where start-up says what it did: an info line, and a warning the operator should act on. */
    public interface Report {
        void info(String line);

        void warning(String line);

        /** Both kinds to one place, warnings prefixed: for a client that prints rather than logs. */
        static Report printing(Consumer<String> out) {
            return new Report() {
                @Override
                public void info(String line) {
                    out.accept(line);
                }

                @Override
                public void warning(String line) {
                    out.accept("WARNING: " + line);
                }
            };
        }
    }

    private PipelineStartup() {}

    /**
     * Runs the start-up sequence.
     *
     * @param spec                       the pipeline as the command line gives it
     * @param deadLetterMaxRequestSize   the dead-letter producer's {@code max.request.size}, which
     *                                   bounds a dead letter as much as the topic's limit does
     * @param report                     where the sequence says what it did
     * @return what the runner needs to build its topology or job
     * @throws StartupException when the pipeline cannot start, with a one-line reason
     */
    public static Ready prepare(PipelineSpec spec, int deadLetterMaxRequestSize, Report report) throws StartupException {
        PipelineSpec registered = withOutputSchemas(spec, report);
        String servers = spec.bootstrapServers();
        if (servers == null || servers.isBlank()) {
            throw new StartupException("no Kafka to start on: bootstrap.servers is not set", null);
        }
        TopicPolicy policy = spec.topicPolicy();
        // a Streams producer's own setting first; a Flink producer takes the plain one
        String compression = TopicContract.compressionType(spec.kafkaProperties(), "producer." + COMPRESSION_TYPE,
                COMPRESSION_TYPE);
        TopicContract.Options options = new TopicContract.Options(policy.partitions(), policy.replicationFactor(),
                policy.createTopics(), policy.allowCompactedOutputs(), deadLetterMaxRequestSize,
                DeadLetterFit.MINIMUM_LIMIT, compression);
        try (Admin admin = Admin.create(adminProperties(spec))) {
            TopicContract.Prepared topics = TopicContract.prepare(admin, spec.topics(), options, servers);
            if (!topics.created().isEmpty()) {
                report.info("created topics " + topics.created() + " with " + policy.partitions() + " partitions");
            }
            topics.warnings().forEach(report::warning);
            report.info("dead letters larger than " + topics.deadLetterLimit() + " bytes are truncated to fit "
                    + spec.deadLetterTopic());
            Optional<String> foreign = SharedOutputGuard.foreignWriter(admin, spec, report);
            if (foreign.isPresent() && !policy.allowSharedOutputs()) {
                throw new StartupException(foreign.get() + ". Two pipelines on one output put every raw record in"
                        + " the ledger twice: stop the other one, or give this one outputs of its own (--enrichedTopic,"
                        + " --DLQ, --unpairedTopic); --allowSharedOutputs true starts anyway", null);
            }
            foreign.ifPresent(line -> report.warning(line + "; starting anyway (--allowSharedOutputs true)"));
            int rawPartitions = RawTopicPartitions.of(admin, spec.rawTopic(), servers);
            return new Ready(registered, topics.deadLetterLimit(), rawPartitions, topics.created());
        } catch (TopicContractException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** The registry checked; with Confluent's output format, the output schemas' ids in the spec. */
    private static PipelineSpec withOutputSchemas(PipelineSpec spec, Report report) throws StartupException {
        try {
            RegistryStartup.Prepared registry = RegistryStartup.prepare(spec.registry(), spec.output(),
                    spec.enrichedTopic(), spec.unpairedTopic());
            registry.log().forEach(report::info);
            return registry.output() == spec.output() ? spec : spec.toBuilder().output(registry.output()).build();
        } catch (RegistryRefusedException | RegistryUnavailableException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** An admin client of the pipeline's cluster (same servers, same security), with bounded waits. */
    private static Properties adminProperties(PipelineSpec spec) {
        Properties props = spec.kafkaProperties();
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_REQUEST_TIMEOUT_MS);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_API_TIMEOUT_MS);
        return props;
    }
}
