package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.launcher.flink.FlinkJob;
import dev.pairing.launcher.flink.JobSubmission;
import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.Ports;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broker with a SASL_PLAINTEXT listener (SCRAM-SHA-512) and ACLs that deny whatever is not
 * granted, next to a PLAINTEXT listener for its own use and the test's administration. The
 * commands get their security settings the way a user gives them, in a {@code --kafkaConfig}
 * file: with the right credentials producer, both engines and verify work end to end; with a
 * wrong password, or without the group's ACL, each stops at once with a message that says so
 * instead of retrying forever.
 */
class SecuredClusterIT {

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    private static final String USER = "pairing";
    private static final String PASSWORD = "pairing-secret";
    private static final Pipeline PIPELINE = Pipeline.named("secured");
    private static final Pipeline ON_FLINK = PIPELINE.sameInput("secured-flink");
    private static final int RECORDS = 20_000;
    private static final Duration FAIL_WITHIN = Duration.ofSeconds(60);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static LocalKafka kafka;
    private static String saslServers;
    private static Path dir;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        dir = stack.dir("secured-cluster");
        int plain = Ports.freeRange(3);
        int controller = plain + 1;
        int sasl = plain + 2;
        saslServers = "127.0.0.1:" + sasl;
        Map<String, String> security = new LinkedHashMap<>();
        security.put("listeners", "PLAINTEXT://127.0.0.1:" + plain + ",SASL_PLAINTEXT://" + saslServers
                + ",CONTROLLER://127.0.0.1:" + controller);
        security.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + plain + ",SASL_PLAINTEXT://" + saslServers);
        security.put("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        security.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        security.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        security.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        security.put("allow.everyone.if.no.acl.found", "false");
        // the unauthenticated PLAINTEXT listener is the broker's own and this test's admin door
        security.put("super.users", "User:ANONYMOUS");
        kafka = LocalKafka.start(ChaosStack.build(), dir.resolve("kafka"), plain, controller, security);

        Properties admin = Drill.client(kafka);
        PIPELINE.create(admin);
        ON_FLINK.create(admin);
        try (Admin client = Admin.create(admin)) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD)))
                    .all().get(30, TimeUnit.SECONDS);
            List<AclBinding> acls = new ArrayList<>(pipelineAcls("User:" + USER, PIPELINE));
            acls.addAll(pipelineAcls("User:" + USER, ON_FLINK));
            // the "not-granted" application may use its internal topics (keyed input has a repartition
            // topic too) but not its group: its start must fail on the group, the one ACL it lacks
            acls.add(allow("User:" + USER, ResourceType.TOPIC, "not-granted-", PatternType.PREFIXED, AclOperation.ALL));
            client.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void withTheRightCredentialsProducerBothEnginesAndVerifyWorkEndToEnd() {
        Path config = clientConfig("right.properties", PASSWORD);
        Properties client = load(config);

        int produced = ProducerCommand.producer(dir.resolve("producer.log"), "--kafkaConfig",
                config.toString(), "--topic", PIPELINE.raw(), "--count", Integer.toString(RECORDS), "--rate", "0",
                "--seed", "12").waitFor(PATIENCE);
        assertThat(produced).as("the producer's exit status").isZero();

        Expected expected = Expected.fromRawTopic(saslServers, PIPELINE.raw(), client);
        FlinkJob job = FlinkJob.submit(stack.flink(), JobSubmission.of(ChaosStack.build().flinkJobJar(),
                new RunnerFlags().kafkaConfig(config).topics(ON_FLINK.raw(), ON_FLINK.enriched(), ON_FLINK.deadLetters(),
                        ON_FLINK.unpaired()).groupId(ON_FLINK.group()).checkpointInterval("1s"))).awaitRunning(PATIENCE);
        try (Outputs flinkOut = new Outputs(client, ON_FLINK)) {
            flinkOut.awaitComplete(expected, PATIENCE, () -> job.failure().orElse(null));
        } finally {
            job.cancel();
        }
        Verification.assertExact(client, ON_FLINK, expected);

        try (StreamsRunnerProcess runner = StreamsRunnerProcess.start(ChaosStack.build(),
                runnerFlags(config, PIPELINE.group()), dir.resolve("runner.log"));
                Outputs outputs = new Outputs(client, PIPELINE)) {
            runner.awaitRunning(PATIENCE);
            outputs.awaitComplete(expected, PATIENCE,
                    () -> runner.isAlive() ? null : "the runner exited:\n" + runner.process().logTail(20));
            assertThat(runner.stop(Duration.ofSeconds(60))).as("the runner's exit status after SIGTERM").isZero();
            assertThat(runner.process().output()).as("secrets masked in the logged configuration")
                    .contains("sasl.jaas.config=*****").doesNotContain(PASSWORD);
        }

        ChildProcess verify = ProducerCommand.verify(dir.resolve("verify.log"),
                "--kafkaConfig", config.toString(), "--rawTopic", PIPELINE.raw(), "--enrichedTopic",
                PIPELINE.enriched(), "--DLQ", PIPELINE.deadLetters(), "--unpairedTopic", PIPELINE.unpaired());
        assertThat(verify.waitFor(PATIENCE)).as("verify's exit status:\n" + verify.output()).isZero();
        assertThat(verify.output()).contains("RESULT: OK", "exact pairs (class-keyed)");
        assertThat(expected.raw()).isEqualTo(RECORDS);
    }

    @Test
    void withAWrongPasswordEachCommandStopsWithAnAuthenticationError() {
        Path config = clientConfig("wrong.properties", "not-" + PASSWORD);

        try (StreamsRunnerProcess runner = StreamsRunnerProcess.start(ChaosStack.build(),
                        runnerFlags(config, PIPELINE.group()), dir.resolve("runner-wrong.log"));
                ChildProcess producer = ProducerCommand.producer(dir.resolve("producer-wrong.log"),
                        "--kafkaConfig", config.toString(), "--topic", PIPELINE.raw(), "--rate", "100");
                ChildProcess verify = ProducerCommand.verify(dir.resolve("verify-wrong.log"), "--kafkaConfig",
                        config.toString(), "--rawTopic", PIPELINE.raw(), "--enrichedTopic", PIPELINE.enriched(),
                        "--DLQ", PIPELINE.deadLetters(), "--unpairedTopic", PIPELINE.unpaired())) {
            for (ChildProcess command : List.of(runner.process(), producer, verify)) {
                // without a count the producer would send forever: only failing makes it exit
                assertThat(command.waitFor(FAIL_WITHIN)).as(command.logFile() + " exit status").isEqualTo(1);
                assertThat(command.output()).as(command.logFile().toString())
                        .containsIgnoringCase("authentication failed").contains("SCRAM-SHA-512");
            }
            assertThat(runner.process().output()).contains("cannot start");
            assertThat(producer.output()).contains("refused the credentials");
        }
    }

    @Test
    void withoutTheGroupsAclTheRunnerStopsWithAnAuthorizationError() {
        Path config = clientConfig("right-but-other-group.properties", PASSWORD);

        try (StreamsRunnerProcess runner = StreamsRunnerProcess.start(ChaosStack.build(),
                runnerFlags(config, "not-granted"), dir.resolve("runner-unauthorized.log"))) {
            assertThat(runner.process().waitFor(FAIL_WITHIN)).as("the runner's exit status").isEqualTo(1);
            assertThat(runner.process().output()).contains("GroupAuthorizationException",
                    "Not authorized to access group: not-granted", "stopped in state ERROR")
                    .doesNotContain("stopped cleanly");
        }
    }

    /**
     * What one exactly-once application needs, Kafka Streams or the Flink job: its topics, its
     * group, and the transactional ids and internal topics prefixed with the group id.
     */
    private static List<AclBinding> pipelineAcls(String principal, Pipeline pipeline) {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : pipeline.topics()) {
            // the producer writes the raw topic, the runner reads it and writes the rest, verify reads them all
            for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE)) {
                acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
            }
        }
        // internal topics (the pending store's changelog) are prefixed with the application id
        acls.add(allow(principal, ResourceType.TOPIC, pipeline.group() + "-", PatternType.PREFIXED, AclOperation.ALL));
        acls.add(allow(principal, ResourceType.GROUP, pipeline.group(), PatternType.LITERAL, AclOperation.READ));
        for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, pipeline.group() + "-", PatternType.PREFIXED,
                    operation));
        }
        return acls;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static RunnerFlags runnerFlags(Path config, String groupId) {
        return new RunnerFlags().kafkaConfig(config)
                .topics(PIPELINE.raw(), PIPELINE.enriched(), PIPELINE.deadLetters(), PIPELINE.unpaired())
                .groupId(groupId).stateDir(dir.resolve("state-" + groupId)).inputKeyedByClass(true).createTopics(false);
    }

    /** The file a user writes for a secured cluster, as the README shows it (SASL_SSL there, no TLS here). */
    private static Path clientConfig(String name, String password) {
        String text = String.join("\n",
                "bootstrap.servers=" + saslServers,
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + password + "\";",
                "");
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path config) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(Files.readString(config)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
