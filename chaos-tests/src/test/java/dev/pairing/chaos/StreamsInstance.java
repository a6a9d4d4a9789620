package dev.pairing.chaos;

import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.streams.membership.Membership;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * One instance of the packaged Streams runner in a group of several: a state directory of its own
 * (so its instance id, made and kept there by the runner, is its own), started, SIGKILLed and
 * restarted in place as a supervisor on its host would.
 */
final class StreamsInstance implements AutoCloseable {

    private final String name;
    private final Path dir;
    private final Pipeline pipeline;
    private final String bootstrapServers;
    private StreamsRunnerProcess runner;

    StreamsInstance(String name, Path dir, Pipeline pipeline, String bootstrapServers) {
        this.name = name;
        this.dir = dir;
        this.pipeline = pipeline;
        this.bootstrapServers = bootstrapServers;
    }

    String name() {
        return name;
    }

    /** Starts it, or starts it again in place after a kill, and returns once it is RUNNING. */
    void start(Duration patience) {
        if (runner == null) {
            runner = StreamsRunnerProcess.start(ChaosStack.build(),
                    pipeline.streamsFlags(bootstrapServers, dir.resolve("state")), dir.resolve("streams-runner.log"));
        } else {
            runner.restart();
        }
        runner.awaitRunning(patience);
    }

    void kill() {
        runner.kill();
    }

    /** SIGTERM: commits, leaves the group, exits 0. */
    int stop(Duration patience) {
        return runner.stop(patience);
    }

    boolean isAlive() {
        return runner != null && runner.isAlive();
    }

    String tail() {
        return runner == null ? "(never started)" : runner.process().logTail(20);
    }

    /** The group.instance.id the runner made for itself on its first start. */
    String instanceId() {
        return Membership.keptInstanceId(dir.resolve("state"), pipeline.group())
                .orElseThrow(() -> new IllegalStateException("no instance id kept for " + name));
    }

    /** The raw partitions this instance's stream threads hold now, as the group coordinator sees it. */
    Set<Integer> rawPartitions(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(Set.of(pipeline.group()))
                    .describedGroups().get(pipeline.group()).get(10, TimeUnit.SECONDS);
            Set<Integer> partitions = new TreeSet<>();
            String prefix = instanceId() + "-";
            for (MemberDescription member : group.members()) {
                if (member.groupInstanceId().filter(id -> id.startsWith(prefix)).isPresent()) {
                    member.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(pipeline.raw()))
                            .forEach(tp -> partitions.add(tp.partition()));
                }
            }
            return partitions;
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe group " + pipeline.group(), e);
        }
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.process().close();
        }
    }
}
