package dev.pairing.local.chaos;

import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a crash drill kills: the processes a supervisor restarts. */
public enum ChaosTarget {
    /** The Kafka Streams runner's JVM. */
    RUNNER("the Streams runner", StreamsRunnerProcess.MAIN_CLASS),
    /** A Flink TaskManager: its tasks fail and the job restarts from its last checkpoint. */
    TASKMANAGER("a Flink TaskManager", LocalFlinkCluster.TASK_MANAGER_MAIN),
    /** A Kafka node (broker and KRaft controller). */
    BROKER("a Kafka broker", LocalKafka.MAIN_CLASS);

    private final String description;
    private final String mainClass;

    ChaosTarget(String description, String mainClass) {
        this.description = description;
        this.mainClass = mainClass;
    }

    public String description() {
        return description;
    }

    /** The main class on the target's command line, by which another terminal finds it. */
    public String mainClass() {
        return mainClass;
    }

    /** As {@code pairing kill} spells it: runner, taskmanager or broker. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChaosTarget> fromFlag(String value) {
        return Arrays.stream(values()).filter(t -> t.flagValue().equals(value)).findFirst();
    }
}
