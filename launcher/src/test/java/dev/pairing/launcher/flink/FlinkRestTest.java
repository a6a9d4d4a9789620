package dev.pairing.launcher.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.pairing.launcher.process.LaunchException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a small HTTP server answering with bodies in the shape Flink 2.2's REST API returns. */
class FlinkRestTest {

    private static final Map<String, String> ANSWERS = Map.of(
            "/overview", "{\"taskmanagers\":1,\"slots-total\":2,\"slots-available\":1,\"jobs-running\":1,"
                    + "\"jobs-finished\":0,\"flink-version\":\"2.2.1\"}",
            "/taskmanagers", "{\"taskmanagers\":[{\"id\":\"localhost:6122-a1b2c3\",\"path\":\"pekko.tcp://x\","
                    + "\"slotsNumber\":2,\"freeSlots\":2,\"totalResource\":{\"cpuCores\":2.0}},"
                    + "{\"id\":\"localhost:41234-d4e5f6\",\"path\":\"pekko.tcp://y\",\"slotsNumber\":0,"
                    + "\"freeSlots\":0,\"totalResource\":{\"cpuCores\":0.0}}]}",
            "/jobs/deployed/checkpoints", "{\"counts\":{\"restored\":0,\"total\":4,\"in_progress\":1,"
                    + "\"completed\":3,\"failed\":0},\"latest\":{\"completed\":{\"id\":3}}}",
            "/jobs/deployed", "{\"jid\":\"deployed\",\"state\":\"RUNNING\",\"timestamps\":{\"CREATED\":1700000000000,"
                    + "\"RESTARTING\":1700000012345,\"RUNNING\":1700000000100},\"vertices\":[{\"id\":\"v1\","
                    + "\"status\":\"RUNNING\",\"tasks\":{\"RUNNING\":1,\"CREATED\":0}},{\"id\":\"v2\","
                    + "\"status\":\"RUNNING\"}],\"status-counts\":{\"RUNNING\":2}}",
            "/jobs/deployed/vertices/v1/taskmanagers", "{\"id\":\"v1\",\"name\":\"source\",\"now\":1,\"taskmanagers\":"
                    + "[{\"endpoint\":\"localhost:43210\",\"status\":\"RUNNING\",\"metrics\":{\"read-bytes\":0},"
                    + "\"status-counts\":{\"RUNNING\":1},\"taskmanager-id\":\"localhost:41234-d4e5f6\"}]}",
            "/jobs/deployed/vertices/v2/taskmanagers", "{\"id\":\"v2\",\"name\":\"match\",\"now\":1,\"taskmanagers\":"
                    + "[{\"endpoint\":\"localhost:43210\",\"status\":\"RUNNING\",\"metrics\":{\"read-bytes\":0},"
                    + "\"status-counts\":{\"RUNNING\":1},\"taskmanager-id\":\"localhost:41234-d4e5f6\"}]}",
            "/jobs/deploying", "{\"jid\":\"deploying\",\"state\":\"RUNNING\",\"vertices\":[{\"id\":\"v1\","
                    + "\"status\":\"RUNNING\"},{\"id\":\"v2\",\"status\":\"INITIALIZING\"}]}",
            "/jobs/failed", "{\"jid\":\"failed\",\"state\":\"FAILED\",\"vertices\":[{\"id\":\"v1\","
                    + "\"status\":\"FAILED\"}]}",
            "/jobs/failed/exceptions", "{\"root-exception\":\"java.lang.NoSuchMethodError: 'void x()'\\n\\tat y\"}",
            // Flink 2.2: no root-exception any more; the history, newest first, with full stack traces
            "/jobs/failed2/exceptions", "{\"exceptionHistory\":{\"entries\":[{\"exceptionName\":"
                    + "\"org.apache.kafka.common.errors.SaslAuthenticationException\",\"stacktrace\":"
                    + "\"org.apache.kafka.common.errors.SaslAuthenticationException: bad \\\"password\\\"\\n"
                    + "\\tat a.b(C.java:1)\\n".repeat(2_000) + "\",\"timestamp\":2,\"concurrentExceptions\":[]},"
                    + "{\"exceptionName\":\"java.lang.IllegalStateException\",\"stacktrace\":\"older\",\"timestamp\":1}],"
                    + "\"truncated\":false}}");

    private HttpServer server;
    private FlinkRest rest;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = ANSWERS.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{\"errors\":[\"Not found\"]}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        rest = new FlinkRest("http://localhost:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theTaskManagersRunningAJobAreThoseOfItsVerticesCurrentAttempts() {
        assertThat(rest.taskManagersRunning("deployed")).containsExactly("localhost:41234-d4e5f6");
        assertThat(rest.taskManagersRunning("unknown")).isEmpty();
    }

    @Test
    void readsCapacityAndTaskManagers() {
        assertThat(rest.overview()).contains(new FlinkRest.Overview(1, 2, 1, 1));
        assertThat(rest.taskManagerIds()).containsExactlyInAnyOrder("localhost:6122-a1b2c3", "localhost:41234-d4e5f6");
        assertThat(rest.taskManagersWithSlots()).as("one registered, its slot report not in yet")
                .containsExactly("localhost:6122-a1b2c3");
    }

    @Test
    void aJobProcessesOnlyOnceEveryTaskRuns() {
        assertThat(rest.jobState("deploying")).contains("RUNNING");
        assertThat(rest.allTasksRunning("deploying")).isFalse();
        assertThat(rest.allTasksRunning("deployed")).isTrue();
        assertThat(rest.allTasksRunning("unknown")).isFalse();
    }

    @Test
    void readinessIsEveryTaskRunningAndAnEndedJobFailsTheWaitWithItsException() {
        rest.awaitRunning("deployed", Duration.ofSeconds(5));

        assertThat(rest.jobEnded("deployed")).isEmpty();
        assertThat(rest.jobEnded("failed")).hasValueSatisfying(why -> assertThat(why)
                .startsWith("the Flink job failed is FAILED:").contains("NoSuchMethodError"));
        assertThatThrownBy(() -> rest.awaitRunning("failed", Duration.ofSeconds(5)))
                .isInstanceOf(LaunchException.class).hasMessageContaining("is FAILED").hasMessageContaining("NoSuchMethodError");
        assertThatThrownBy(() -> rest.awaitRunning("deploying", Duration.ofMillis(600)))
                .isInstanceOf(LaunchException.class).hasMessageContaining("was not RUNNING with all its tasks")
                .hasMessageContaining("state RUNNING");
    }

    @Test
    void checkpointsAndRestartsAreCounted() {
        assertThat(rest.completedCheckpoints("deployed")).isEqualTo(3);
        assertThat(rest.lastRestart("deployed")).hasValue(1_700_000_012_345L);
        assertThat(rest.lastRestart("deploying")).hasValue(0); // never restarted
        assertThat(rest.lastRestart("unknown")).isEmpty();
        assertThat(rest.completedCheckpoints("unknown")).isZero();
    }

    @Test
    void theRootExceptionIsReadable() {
        assertThat(rest.rootException("failed")).contains("java.lang.NoSuchMethodError: 'void x()'\n\tat y");
    }

    @Test
    void flink2sLatestFailureIsReadEvenWithALongStackTrace() {
        assertThat(rest.rootException("failed2")).hasValueSatisfying(trace -> {
            assertThat(trace).startsWith("org.apache.kafka.common.errors.SaslAuthenticationException: bad \"password\"\n"
                    + "\tat a.b(C.java:1)\n");
            assertThat(trace.lines()).hasSize(2_001);
        });
        assertThat(rest.rootException("deployed")).isEmpty();
    }

    @Test
    void aClusterThatDoesNotAnswerIsEmptyNotAnError() {
        server.stop(0);
        assertThat(rest.overview()).isEmpty();
        assertThat(rest.taskManagerIds()).isEmpty();
    }
}
