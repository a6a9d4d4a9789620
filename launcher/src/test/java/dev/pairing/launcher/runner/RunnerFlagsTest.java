package dev.pairing.launcher.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerFlagsTest {

    @Test
    void aCommandLineIsTheFlagsInTheOrderGivenSpelledAsTheRunnersTakeThem() {
        RunnerFlags flags = new RunnerFlags().bootstrapServers("127.0.0.1:9092").pairSum(10)
                .topics("raw", "pairs", "dlq", "unpaired").groupId("g").partitions(3)
                .guarantee(RunnerFlags.AT_LEAST_ONCE).kafkaProperty("acks", "all").kafkaProperty("linger.ms", "5")
                .stateDir(Path.of("/state")).inputKeyedByClass(true).createTopics(false)
                .confluentFormat("http://registry/apis/ccompat/v7");

        assertThat(flags.toArgs()).containsExactly("--bootstrapServers", "127.0.0.1:9092", "--pairSum", "10",
                "--rawTopic", "raw", "--enrichedTopic", "pairs", "--DLQ", "dlq", "--unpairedTopic", "unpaired",
                "--groupId", "g", "--partitions", "3", "--guarantee", "at_least_once",
                "--kafkaProperty", "acks=all", "--kafkaProperty", "linger.ms=5", "--stateDir", "/state",
                "--inputKeyedByClass", "true", "--createTopics", "false",
                "--schemaRegistry", "http://registry/apis/ccompat/v7", "--outputFormat", "confluent");
    }

    @Test
    void verbatimArgumentsStayAsTheyAreAndAndLeavesBothSidesUnchanged() {
        RunnerFlags misspelled = RunnerFlags.verbatim(List.of("--pairsum", "12"));
        RunnerFlags more = new RunnerFlags().checkpointInterval("1s");

        assertThat(misspelled.and(more).toArgs()).containsExactly("--pairsum", "12", "--checkpointInterval", "1s");
        assertThat(misspelled.toArgs()).containsExactly("--pairsum", "12");
        assertThat(more.toArgs()).containsExactly("--checkpointInterval", "1s");
    }
}
