package dev.pairing.launcher.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ProcessArguments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flink launcher as chaos drills use it: a dashboard, and a TaskManager that can be killed and replaced. */
class LocalFlinkClusterIT {

    @TempDir
    Path dir;

    private static final String MARKER = "-Dpairing.test.marker=taskmanager";

    private LocalFlinkCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void aKilledTaskManagerIsReplacedByANewOne() throws Exception {
        // the options the benchmark's profiler uses: a JVM option on every TaskManager, a config override
        FlinkClusterOptions options = new FlinkClusterOptions(List.of(MARKER),
                Map.of("taskmanager.numberOfTaskSlots", "3"));
        cluster = LocalFlinkCluster.start(LocalBuild.locate(), dir, FlinkPorts.free(), options);

        assertThat(cluster.rest().overview()).hasValueSatisfying(overview -> {
            assertThat(overview.taskManagers()).isEqualTo(1);
            assertThat(overview.slotsAvailable()).isEqualTo(3);
        });
        assertThat(arguments(cluster.taskManager().pid())).contains(MARKER);
        assertThat(arguments(cluster.jobManager().pid())).doesNotContain(MARKER);
        HttpResponse<String> dashboard = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).containsIgnoringCase("<html");
        assertThat(cluster.jobManager().pid()).isNotEqualTo(cluster.taskManager().pid());

        Set<String> before = cluster.rest().taskManagerIds();
        long killed = cluster.taskManager().pid();
        cluster.killTaskManager();
        assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        cluster.startTaskManager();
        assertThat(cluster.taskManager().pid()).isNotEqualTo(killed);
        assertThat(arguments(cluster.taskManager().pid())).contains(MARKER);
        // the killed one may still be listed until its heartbeat times out; a new one must be there
        assertThat(cluster.rest().taskManagerIds()).anyMatch(id -> !before.contains(id));

        long jobManager = cluster.jobManager().pid();
        long taskManager = cluster.taskManager().pid();
        cluster.stop();
        assertThat(ProcessHandle.of(jobManager).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(taskManager).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir.resolve("logs/jobmanager.log")).exists();
    }

    private static List<String> arguments(long pid) {
        return ProcessArguments.of(pid);
    }
}
