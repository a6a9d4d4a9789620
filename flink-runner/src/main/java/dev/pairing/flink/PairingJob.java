package dev.pairing.flink;

import dev.pairing.core.matching.SourceEvent;
import dev.pairing.flags.UsageException;
import dev.pairing.flink.classify.ClassKeySelector;
import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.flink.classify.RawRecordClassifier;
import dev.pairing.flink.matching.ComplementMatchOperator;
import dev.pairing.flink.matching.StateTypes;
import dev.pairing.flink.sink.Outgoing;
import dev.pairing.flink.sink.OutputSinks;
import dev.pairing.flink.sink.RetiredKafkaSink;
import dev.pairing.flink.source.RawRecord;
import dev.pairing.flink.source.RawTopicSource;
import dev.pairing.runtime.Guarantee;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.runtime.PipelineStartup;
import dev.pairing.runtime.RunnerCommand;
import dev.pairing.runtime.StartupException;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.util.OutputTag;

/**
 * The pairing job: raw topic -> decode and classify -> key by complement class -> match (dead letters
 * pass) -> one exactly-once sink writing the enriched, unpaired and dead-letter topics. {@code main} is what {@code flink run} calls; tests build
 * the same job on their own environment through {@link #build}, or put a stage of their own between
 * {@link #readRawTopic} and {@link #attach}.
 *
 * <p>Operator uids are part of the job's savepoint compatibility: never change them.
 */
public final class PairingJob {

    public static final String SOURCE_UID = "raw-source";
    public static final String CLASSIFY_UID = "classify";
    public static final String MATCH_UID = "match";
    /** The retired sink of dead letters ({@link RetiredKafkaSink}): restores and commits what earlier versions left. */
    public static final String DEAD_LETTER_SINK_UID = "dead-letter-sink";
    /** The job's one sink (pairs, unpaired numbers and dead letters), under the uid of the pairs' sink before. */
    public static final String ENRICHED_SINK_UID = "enriched-sink";
    /** The retired sink of unpaired numbers ({@link RetiredKafkaSink}). */
    public static final String UNPAIRED_SINK_UID = "unpaired-sink";

    /** A side output nobody emits to: the retired sinks' input, in the matcher's chain so they run as long as it does. */
    private static final OutputTag<Outgoing> RETIRED_SINKS_INPUT = new OutputTag<>("nothing", Outgoing.TYPE);

    /** Key groups of the class-keyed state; fixed so a savepoint restores at any parallelism up to it. */
    static final int MAX_PARALLELISM = 128;

    private final PairingJobConfig config;

    /**
     * A job for one configuration; nothing runs until {@link #build} adds it to an environment.
     *
     * @param config what the command line says: pairSum, limits, topics, Kafka settings
     */
    public PairingJob(PairingJobConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        int status = RunnerCommand.run(JobFlags.declare(), args, System.out, System.err, flags -> {
            PairingJobConfig parsed = JobFlags.toConfig(flags);
            System.out.println("pairing job starting with " + parsed.describe());
            PairingJobConfig config = prepare(parsed, PipelineStartup.Report.printing(System.out::println));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            new PairingJob(config).build(env);
            env.execute("pairing " + config.pipeline().rawTopic() + " (pairSum " + config.pipeline().pairSum() + ")");
            return RunnerCommand.CLEAN;
        });
        if (status != RunnerCommand.CLEAN) {
            // only on failure: in application mode main runs inside the JobManager
            System.exit(status);
        }
    }

    /**
     * What the client does before it submits the job: the runners' start-up sequence
     * ({@link PipelineStartup}), then the sinks' transaction timeout decided with the broker.
     *
     * @param parsed the command line's config
     * @param report where start-up says what it did
     * @return the config to build the job with (output schema ids and transaction timeout filled in)
     * @throws StartupException when the topics or the registry stop the job from starting
     * @throws UsageException   when the broker refuses the given transaction timeout, or the checkpoint
     *                          interval does not fit in the one it allows
     */
    public static PairingJobConfig prepare(PairingJobConfig parsed, PipelineStartup.Report report)
            throws StartupException, UsageException {
        PipelineStartup.Ready ready = PipelineStartup.prepare(parsed.pipeline(),
                OutputSinks.deadLetterMaxRequestSize(parsed), report);
        PairingJobConfig config = parsed.withPipeline(ready.spec());
        if (config.pipeline().guarantee() != Guarantee.EXACTLY_ONCE) {
            return config;
        }
        try {
            config = TransactionTimeout.resolve(config, report);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        JobFlags.checkTiming(config);
        return config;
    }

    /**
     * The configuration this job was made with.
     *
     * @return the configuration
     */
    public PairingJobConfig config() {
        return config;
    }

    /**
     * Configures the environment and adds the whole job to it.
     *
     * @param env the environment to run the job on (a cluster's, or a MiniCluster's in tests)
     */
    public void build(StreamExecutionEnvironment env) {
        configure(env);
        attach(readRawTopic(env));
    }

    /**
     * Checkpointing as the guarantee needs it, no silent fallback to Kryo, and object reuse: every
     * record the job passes on is immutable (Java records, byte arrays nobody writes to), so the
     * defensive copy Flink makes between chained operators buys nothing.
     *
     * @param env the environment to configure
     */
    public void configure(StreamExecutionEnvironment env) {
        Configuration settings = new Configuration();
        settings.set(PipelineOptions.GENERIC_TYPES, false);
        settings.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(settings);
        env.setMaxParallelism(MAX_PARALLELISM);
        env.enableCheckpointing(config.checkpointInterval().toMillis(), config.checkpointingMode());
    }

    /**
     * The raw topic as a stream of raw records with their partition, offset and timestamp.
     *
     * @param env the environment the source is added to
     * @return the source's stream, for {@link #attach} or a test's own stage in between
     */
    public DataStream<RawRecord> readRawTopic(StreamExecutionEnvironment env) {
        return env.fromSource(RawTopicSource.create(config), RawTopicSource.eventTime(config.pipeline().limits()),
                        "raw topic " + config.pipeline().rawTopic())
                .uid(SOURCE_UID);
    }

    /**
     * Everything downstream of the raw records: classify, match, and the sink. At parallelism 1 they
     * form one chain with the source (one task, nothing serialized between steps); at more, valid
     * events are shuffled to their class's subtask.
     *
     * @param raw the raw records, as {@link #readRawTopic} gives them
     */
    public void attach(DataStream<RawRecord> raw) {
        PipelineSpec pipeline = config.pipeline();
        SingleOutputStreamOperator<Either<SourceEvent, DeadLetterRecord>> classified = raw
                .process(new RawRecordClassifier(pipeline.pairSum(), pipeline.rawTopic(), pipeline.registry().orElse(null)))
                .returns(StateTypes.CLASSIFIED)
                .name("decode and validate").uid(CLASSIFY_UID);

        // at parallelism 1 every class is this one subtask's: no shuffle, so the whole job is one chain
        boolean singleSubtask = raw.getExecutionEnvironment().getParallelism() == 1;
        ClassKeySelector classKey = new ClassKeySelector(pipeline.pairSum());
        KeyedStream<Either<SourceEvent, DeadLetterRecord>, Integer> byClass = singleSubtask
                ? DataStreamUtils.reinterpretAsKeyedStream(classified, classKey, Types.INT)
                : classified.keyBy(classKey, Types.INT);
        SingleOutputStreamOperator<Outgoing> outputs = byClass
                .transform("match complements", Outgoing.TYPE,
                        new ComplementMatchOperator(pipeline.pairSum(), pipeline.limits(), singleSubtask))
                .uid(MATCH_UID);
        // the enriched sink's uid: the one sink continues its state and its transactional ids
        outputs.sinkTo(OutputSinks.outputs(config))
                .name("outputs to " + pipeline.enrichedTopic() + ", " + pipeline.unpairedTopic() + ", "
                        + pipeline.deadLetterTopic())
                .uid(ENRICHED_SINK_UID);
        DataStream<Outgoing> nothing = outputs.getSideOutput(RETIRED_SINKS_INPUT);
        nothing.sinkTo(RetiredKafkaSink.of(OutputSinks.unpaired(config)))
                .name("retired sink of " + pipeline.unpairedTopic()).uid(UNPAIRED_SINK_UID);
        nothing.sinkTo(RetiredKafkaSink.of(OutputSinks.deadLetters(config)))
                .name("retired sink of " + pipeline.deadLetterTopic()).uid(DEAD_LETTER_SINK_UID);
    }
}
