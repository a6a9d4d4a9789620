package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.local.flink.LocalFlinkCluster;
import dev.pairing.local.process.ChildProcess;
import dev.pairing.local.kafka.LocalKafka;
import dev.pairing.testsupport.JarProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pairing job at parallelism 2 on a real session cluster of two TaskManagers (one subtask on
 * each) loses a TaskManager to SIGKILL mid-stream, after at least one completed checkpoint; the job
 * restores from the checkpoint, a replacement TaskManager registers, and the job catches up. verify must then find every raw record exactly once and the very pairs
 * pairing-core computes: what the dead TaskManager had written in open transactions must not count.
 */
class FlinkTaskManagerKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkTaskManagerKillIT.class);

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    private static final int RECORDS = 60_000;
    // about 30 s of input, so the kill lands while records still arrive even on a slow machine
    private static final int RATE = 2_000;
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final int PARALLELISM = 2;

    @Test
    void aKilledTaskManagerIsReplacedAndTheJobRestoresWithoutLossOrDuplicates() {
        Random random = ChaosSeed.random("flink taskmanager kill");
        LocalKafka kafka = stack.kafka();
        LocalFlinkCluster flink = stack.flink();
        Path dir = stack.dir("flink-taskmanager-kill");
        Pipeline pipeline = Pipeline.named("flink-tm-kill");
        Properties client = Drill.client(kafka);
        pipeline.create(client);

        // one subtask on each TaskManager: the kill takes half the job down, the survivor's slots take it back
        FlinkJob job = FlinkJob.submit(flink, jobFlags(pipeline, kafka.bootstrapServers()), PATIENCE, PARALLELISM);
        long pairsAtKill;
        long checkpointsAtKill;
        boolean sendingAtKill;
        Expected expected;
        try (Outputs outputs = new Outputs(client, pipeline);
                JarProcess producer = ProducerCommand.start(dir.resolve("producer.log"), kafka.bootstrapServers(),
                        pipeline.raw(), RECORDS, RATE, random.nextLong())) {
            awaitCheckpointWithOutput(job, outputs);
            Drill.chaosMoment(random.nextInt(3_000));
            checkpointsAtKill = job.completedCheckpoints();
            pairsAtKill = outputs.pairs();
            sendingAtKill = producer.isAlive();
            ChildProcess victim = flink.taskManager();
            victim.kill();
            LOG.info("SIGKILL of the TaskManager after {} checkpoints, {} pairs committed", checkpointsAtKill, pairsAtKill);

            long t0 = System.nanoTime();
            flink.replaceTaskManager(victim);
            // the JobManager may list the dead one's tasks as running until it notices the loss
            job.awaitRestart(PATIENCE);
            job.awaitAllTasksRunning(PATIENCE);
            LOG.info("new TaskManager registered and the job running again after {} ms", (System.nanoTime() - t0) / 1_000_000);

            assertThat(producer.awaitExit(PATIENCE)).as("the producer's exit status; its log ends:\n%s", producer.tail(20)).isZero();
            expected = Expected.fromRawTopic(kafka.bootstrapServers(), pipeline.raw(), client);
            LOG.info("expected: {}", expected);
            outputs.awaitComplete(expected, PATIENCE, job::failure);
            assertThat(job.hasFailed()).as("the job reported the lost TaskManager").isTrue();
        } finally {
            job.cancel();
        }

        assertThat(expected.raw()).isEqualTo(RECORDS);
        assertThat(checkpointsAtKill).as("a checkpoint completed before the kill").isGreaterThanOrEqualTo(1);
        assertThat(sendingAtKill).as("the kill came while records still arrived").isTrue();
        assertThat(pairsAtKill).as("the kill came before the output was complete").isLessThan(expected.pairs());
        Verification.assertExact(client, pipeline, expected);
    }

    static List<String> jobFlags(Pipeline pipeline, String bootstrapServers) {
        List<String> flags = new ArrayList<>(pipeline.runnerFlags(bootstrapServers));
        // exactly-once output becomes visible at each checkpoint: often, so the drill is short
        flags.addAll(List.of("--checkpointInterval", "1s"));
        return flags;
    }

    private static void awaitCheckpointWithOutput(FlinkJob job, Outputs outputs) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (job.completedCheckpoints() < 1 || outputs.pairs() == 0) {
            String why = job.failure();
            if (why != null) {
                throw new AssertionError(why);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no completed checkpoint with committed pairs within " + PATIENCE);
            }
            Outputs.pause();
        }
    }
}
