package dev.pairing.flink.floor;

import dev.pairing.flink.JobFlags;
import dev.pairing.flink.PairingJob;
import dev.pairing.flink.PairingJobConfig;
import dev.pairing.flink.TransactionTimeout;
import dev.pairing.flink.sink.OutputSinks;
import dev.pairing.runtime.PipelineStartup;
import dev.pairing.runtime.RunnerCommand;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink's own floor, for {@code ./pairing bench}: the raw topic copied record for record to the
 * enriched topic, nothing decoded, no state, with the pairing job's source, checkpointing and
 * exactly-once Kafka sink. Whatever the pairing design does, the job cannot drain faster than Flink
 * copies, so the ratio of this to the bench's baseline bounds the job's. Takes the pairing job's
 * flags ({@code flink run -c dev.pairing.flink.floor.RawCopyJob flink-runner.jar --bootstrapServers ...});
 * it creates no topics.
 */
public final class RawCopyJob {

    private RawCopyJob() {}

    public static void main(String[] args) throws Exception {
        int status = RunnerCommand.run(JobFlags.declare(), args, System.out, System.err, flags -> {
            PairingJobConfig config = TransactionTimeout.resolve(JobFlags.toConfig(flags),
                    PipelineStartup.Report.printing(System.out::println));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            PairingJob job = new PairingJob(config);
            job.configure(env);
            job.readRawTopic(env).sinkTo(OutputSinks.rawCopy(config))
                    .name("copy to " + config.pipeline().enrichedTopic()).uid("raw-copy-sink");
            env.execute("raw copy " + config.pipeline().rawTopic() + " -> " + config.pipeline().enrichedTopic());
            return RunnerCommand.CLEAN;
        });
        if (status != RunnerCommand.CLEAN) {
            System.exit(status);
        }
    }
}
