package dev.pairing.chaos;

import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kills of a Streams drill: at random moments, each timed until the work resumed elsewhere or in place. */
final class StreamsRunnerKills {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunnerKills.class);

    private final Random random;
    private final Admin admin;
    private final Outputs outputs;
    private final FailoverClock clock;
    private final ChildProcess producer;
    private final Duration patience;

    StreamsRunnerKills(Random random, Admin admin, Outputs outputs, FailoverClock clock, ChildProcess producer,
            Duration patience) {
        this.random = random;
        this.admin = admin;
        this.outputs = outputs;
        this.clock = clock;
        this.producer = producer;
        this.patience = patience;
    }

    /** SIGKILL at a random moment, then at once the same instance again on its state, as a supervisor would. */
    StreamsInstancesKillIT.Kill killAndRestart(String kind, StreamsInstance victim) {
        return kill(kind, victim, true);
    }

    /** SIGKILL at a random moment, and the instance stays down: the others must take its work over. */
    StreamsInstancesKillIT.Kill killForGood(String kind, StreamsInstance victim) {
        return kill(kind, victim, false);
    }

    private StreamsInstancesKillIT.Kill kill(String kind, StreamsInstance victim, boolean restart) {
        Set<Integer> partitions = victim.rawPartitions(admin);
        // Kill only a caught-up instance: killed while it still works off a backlog, the time to
        // the next output of new input would be the backlog's, not the failover's.
        if (!partitions.isEmpty() && clock.awaitRecovery(partitions, System.currentTimeMillis() - 1_000, patience).isEmpty()) {
            throw new AssertionError("instance " + victim.name() + " did not catch up with partitions " + partitions
                    + " within " + patience);
        }
        // the random moment of the kill: chaos by design, not a wait for anything
        Poll.pause(Duration.ofMillis(random.nextInt(2_000)));
        partitions = victim.rawPartitions(admin);
        long committed = outputs.pairs();
        boolean sending = producer.isAlive();
        long killedAt = System.currentTimeMillis();
        victim.kill();
        if (restart) {
            victim.start(patience);
        }
        // without input produced after the kill there is nothing to time
        Optional<Duration> failover = partitions.isEmpty() || !producer.isAlive() ? Optional.empty()
                : clock.awaitRecovery(partitions, killedAt, patience);
        if (!partitions.isEmpty() && producer.isAlive() && failover.isEmpty()) {
            throw new AssertionError("no pair of new input from raw partitions " + partitions + " within " + patience
                    + " of killing instance " + victim.name() + (victim.isAlive() ? "" : ":\n" + victim.tail()));
        }
        StreamsInstancesKillIT.Kill kill = new StreamsInstancesKillIT.Kill(kind, victim.name(), partitions, committed,
                sending, failover);
        LOG.info("SIGKILL {} ({}) holding raw partitions {}: {} pairs committed before; output of new input resumed {}",
                victim.name(), kind, partitions, committed,
                failover.map(d -> "after " + d.toMillis() + " ms").orElse("(not timed: no input after the kill)"));
        return kill;
    }

    /** Median failover per kind of kill, in milliseconds, with the single figures. */
    static Map<String, String> medians(List<StreamsInstancesKillIT.Kill> kills) {
        Map<String, List<Long>> byKind = kills.stream().filter(kill -> kill.failover().isPresent())
                .collect(Collectors.groupingBy(StreamsInstancesKillIT.Kill::kind, TreeMap::new,
                        Collectors.mapping(kill -> kill.failover().get().toMillis(), Collectors.toList())));
        Map<String, String> medians = new TreeMap<>();
        byKind.forEach((kind, times) -> {
            List<Long> sorted = times.stream().sorted().toList();
            medians.put(kind, sorted.get(sorted.size() / 2) + " ms of " + sorted);
        });
        return medians;
    }
}
