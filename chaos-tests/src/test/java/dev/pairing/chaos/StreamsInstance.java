package dev.pairing.chaos;

import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.netns.Host;
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
 * restarted in place as a supervisor on its host would; on this machine's loopback, or on a test
 * host of its own.
 */
final class StreamsInstance implements AutoCloseable {

    private final String name;
    private final Path dir;
    private final Pipeline pipeline;
    private final String bootstrapServers;
    private final Host host;
    private final RunnerFlags extraFlags;
    private StreamsRunnerProcess runner;

    StreamsInstance(String name, Path dir, Pipeline pipeline, String bootstrapServers) {
        this(name, dir, pipeline, bootstrapServers, null, new RunnerFlags());
    }

    /** On {@code host} (null: loopback), with {@code extraFlags} after the pipeline's. */
    StreamsInstance(String name, Path dir, Pipeline pipeline, String bootstrapServers, Host host,
            RunnerFlags extraFlags) {
        this.name = name;
        this.dir = dir;
        this.pipeline = pipeline;
        this.bootstrapServers = bootstrapServers;
        this.host = host;
        this.extraFlags = extraFlags;
    }

    String name() {
        return name;
    }

    /** Starts it, or starts it again in place after a kill, and returns once it is RUNNING. */
    void start(Duration patience) {
        if (runner == null) {
            runner = StreamsRunnerProcess.builder(ChaosStack.build()).host(host).logFile(dir.resolve("streams-runner.log"))
                    .start(pipeline.streamsFlags(bootstrapServers, dir.resolve("state")).and(extraFlags));
        } else {
            runner.restart();
        }
        runner.awaitRunning(patience);
    }

    void kill() {
        runner.kill();
    }

    /** Its JVM as it runs now, for a freeze. */
    ProcessHandle process() {
        return runner.crashablePart().process()
                .orElseThrow(() -> new IllegalStateException("instance " + name + " does not run"));
    }

    /** Lines of this start's log that contain {@code text}. */
    long linesContaining(String text) {
        return runner == null ? 0 : runner.process().output().lines().filter(line -> line.contains(text)).count();
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
