package dev.pairing.streams.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.flags.UsageException;
import dev.pairing.streams.StreamsRunnerConfig;
import dev.pairing.streams.StreamsRunnerFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MembershipTest {

    @Test
    void theAutomaticIdIsMadeOnceAndKeptWithTheState(@TempDir Path stateDir) {
        Optional<String> first = Membership.defaults().resolveInstanceId(stateDir, "pairing-streams");
        Optional<String> again = Membership.defaults().resolveInstanceId(stateDir, "pairing-streams");

        assertThat(first).hasValueSatisfying(id -> assertThat(id).startsWith("pairing-streams-").matches("[a-zA-Z0-9._-]+"));
        assertThat(again).as("a restart in place is the same member").isEqualTo(first);
        assertThat(Files.exists(stateDir.resolve("pairing-streams.instance-id"))).isTrue();
    }

    @Test
    void instancesWithStateOfTheirOwnGetIdsOfTheirOwn(@TempDir Path dir) {
        Optional<String> one = Membership.defaults().resolveInstanceId(dir.resolve("a"), "app");
        Optional<String> two = Membership.defaults().resolveInstanceId(dir.resolve("b"), "app");

        assertThat(one).isPresent().isNotEqualTo(two);
    }

    @Test
    void anExplicitIdIsUsedAsGivenAndNoneMeansDynamicMembership(@TempDir Path stateDir) {
        assertThat(new Membership("node-1", 0).resolveInstanceId(stateDir, "app")).contains("node-1");
        assertThat(new Membership(Membership.NONE, 0).resolveInstanceId(stateDir, "app")).isEmpty();
        assertThat(stateDir.resolve("app.instance-id")).as("only the state's place is kept, for the process id")
                .content().doesNotContain("id=").contains("host=");
    }

    @Test
    void anExplicitIdOnACopiedDirectoryStillGetsANewProcessId(@TempDir Path stateDir) throws Exception {
        new Membership("node-1", 0).resolveInstanceId(stateDir, "app", "host-a");
        Path processFile = Files.createDirectories(stateDir.resolve("app")).resolve(Membership.PROCESS_FILE);
        Files.writeString(processFile, "{}");

        assertThat(new Membership("node-2", 0).resolveInstanceId(stateDir, "app", "host-b")).contains("node-2");
        assertThat(processFile).doesNotExist();
    }

    @Test
    void stateFoundOnAnotherHostTakesANewMemberIdAndANewProcessId(@TempDir Path stateDir) throws Exception {
        Optional<String> made = Membership.defaults().resolveInstanceId(stateDir, "app", "host-a");
        Path processFile = Files.createDirectories(stateDir.resolve("app")).resolve(Membership.PROCESS_FILE);
        Files.writeString(processFile, "{\"version\":0,\"processId\":\"2f4e0a6c-0000-4000-8000-000000000001\"}");

        assertThat(Membership.defaults().resolveInstanceId(stateDir, "app", "host-a")).as("restarted in place").isEqualTo(made);
        assertThat(processFile).exists();

        Optional<String> copied = Membership.defaults().resolveInstanceId(stateDir, "app", "host-b");
        assertThat(copied).isPresent().isNotEqualTo(made);
        assertThat(processFile).as("Kafka Streams makes a new process id").doesNotExist();
        assertThat(Membership.defaults().resolveInstanceId(stateDir, "app", "host-b")).as("kept on its new host")
                .isEqualTo(copied);
    }

    @Test
    void anIdKeptBeforeIdsRecordedTheirPlaceIsKeptAndGetsItsPlace(@TempDir Path stateDir) throws Exception {
        Files.writeString(stateDir.resolve("app.instance-id"), "app-oldhost-1a2b3c4d\n");

        assertThat(Membership.defaults().resolveInstanceId(stateDir, "app", "host-a")).contains("app-oldhost-1a2b3c4d");
        assertThat(Files.readString(stateDir.resolve("app.instance-id"))).contains("id=app-oldhost-1a2b3c4d", "host=host-a",
                "directory=" + stateDir.toAbsolutePath().normalize());
        assertThat(Membership.defaults().resolveInstanceId(stateDir, "app", "host-a")).contains("app-oldhost-1a2b3c4d");
    }

    @Test
    void aCorruptKeptIdIsAClearErrorNotAnotherMember(@TempDir Path stateDir) throws Exception {
        Files.writeString(stateDir.resolve("app.instance-id"), "not an id!");

        assertThatThrownBy(() -> Membership.defaults().resolveInstanceId(stateDir, "app"))
                .hasMessageContaining("app.instance-id").hasMessageContaining("--instanceId");
    }

    @Test
    void staticMembersGetAShorterSessionUnlessOneIsSet() {
        Properties props = new Properties();
        Membership.defaults().applyTo(props);
        assertThat(props.getProperty("session.timeout.ms")).isEqualTo("10000");
        assertThat(props.getProperty("num.standby.replicas")).isEqualTo("0");
        assertThat(props.getProperty("acceptable.recovery.lag")).as("new instances take tasks at once").isEqualTo("1000000");

        Properties own = new Properties();
        own.put("main.consumer.session.timeout.ms", "30000");
        new Membership(Membership.AUTO, 1).applyTo(own);
        assertThat(own.getProperty("session.timeout.ms")).isNull();
        assertThat(own.getProperty("num.standby.replicas")).isEqualTo("1");

        Properties dynamic = new Properties();
        new Membership(Membership.NONE, 0).applyTo(dynamic);
        assertThat(dynamic.getProperty("session.timeout.ms")).as("Kafka's default for dynamic members").isNull();
    }

    @Test
    void theFlagsReachTheConfigurationAndBadOnesAreUsageErrors() throws Exception {
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--instanceId", "node-2", "--standbyReplicas", "1");
        assertThat(config.membership()).isEqualTo(new Membership("node-2", 1));
        assertThat(config.streamsProperties().getProperty("num.standby.replicas")).isEqualTo("1");
        assertThat(StreamsRunnerFlags.parse().membership()).isEqualTo(Membership.defaults());

        assertThat(config.pipeline().topicPolicy().replicationFactor()).as("the cluster's default").isEqualTo((short) -1);
        StreamsRunnerConfig replicated = StreamsRunnerFlags.parse("--replicationFactor", "3");
        assertThat(replicated.pipeline().topicPolicy().replicationFactor()).isEqualTo((short) 3);
        assertThat(replicated.streamsProperties().getProperty("replication.factor")).as("internal topics too").isEqualTo("3");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--replicationFactor", "0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--replicationFactor");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--instanceId", "two words"))
                .isInstanceOf(UsageException.class).hasMessageContaining("instance id");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--standbyReplicas", "-1")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--kafkaProperty", "group.instance.id=x"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--instanceId");
    }
}
