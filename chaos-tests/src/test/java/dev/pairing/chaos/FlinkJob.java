package dev.pairing.chaos;

import dev.pairing.local.flink.LocalFlinkCluster;
import dev.pairing.testsupport.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pairing job ({@code flink-runner.jar}) submitted to the local session cluster with Flink's own
 * command-line client, as an operator submits it, and what Flink's REST API says about it.
 */
final class FlinkJob {

    static final Path JAR = JarProcess.jarFromProperty("flink.job.jar");
    private static final List<String> ENDED = List.of("FAILED", "CANCELED", "FINISHED");

    private final LocalFlinkCluster cluster;
    private final String id;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FlinkJob(LocalFlinkCluster cluster, String id) {
        this.cluster = cluster;
        this.id = id;
    }

    /** {@code flink run -d flink-runner.jar args}, then waits until every task runs. */
    static FlinkJob submit(LocalFlinkCluster cluster, List<String> args, Duration timeout) {
        FlinkJob job = new FlinkJob(cluster, cluster.cli().submit(JAR, args, null));
        job.awaitAllTasksRunning(timeout);
        return job;
    }

    String id() {
        return id;
    }

    void awaitAllTasksRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cluster.rest().allTasksRunning(id)) {
            String why = failure();
            if (why != null) {
                throw new AssertionError(why);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " not running with all tasks within " + timeout + "; state "
                        + cluster.rest().jobState(id).orElse("unknown") + "; see " + cluster.logDir());
            }
            Outputs.pause();
        }
    }

    /** Checkpoints completed so far ({@code /jobs/<id>/checkpoints}). */
    long completedCheckpoints() {
        return get("/jobs/" + id + "/checkpoints").map(body -> number(body, "\"completed\"\\s*:\\s*(\\d+)", 0)).orElse(0L);
    }

    /**
     * When the job last went RESTARTING (the JobManager's clock, epoch ms), 0 if it never did: from
     * the execution graph ({@code /jobs/<id>} timestamps), not from the {@code numRestarts} metric,
     * which the REST API serves from a cache that can lag by seconds.
     */
    long lastRestart() {
        return get("/jobs/" + id).map(body -> number(body, "\"RESTARTING\"\\s*:\\s*(\\d+)", -1)).orElse(-1L);
    }

    /** Whether the job has reported a failure at all: an entry in {@code /jobs/<id>/exceptions}' history. */
    boolean hasFailed() {
        return lastException().isPresent();
    }

    /** The latest failure's stack trace, first lines; Flink 2 reports failures only as a history. */
    private Optional<String> lastException() {
        return get("/jobs/" + id + "/exceptions").flatMap(body -> {
            Matcher m = Pattern.compile("\"stacktrace\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){0,600})").matcher(body);
            return m.find() ? Optional.of(m.group(1).replace("\\n", "\n").replace("\\t", "\t")) : Optional.empty();
        });
    }

    /** Waits until the job has gone through a restart, e.g. after losing its TaskManager. */
    void awaitRestart(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastRestart() <= 0) {
            String why = failure();
            if (why != null) {
                throw new AssertionError(why);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not restart within " + timeout);
            }
            Outputs.pause();
        }
    }

    /** Why the job can no longer produce output, or null while it can. */
    String failure() {
        Optional<String> state = cluster.rest().jobState(id);
        if (state.isPresent() && ENDED.contains(state.get())) {
            return "job " + id + " is " + state.get() + ": " + lastException().orElse("(no exception reported)");
        }
        if (!cluster.jobManager().isAlive()) {
            return "the JobManager exited; see " + cluster.logDir();
        }
        return null;
    }

    void cancel() {
        cluster.cli().cancel(id);
    }

    private Optional<String> get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static long number(String body, String regex, long absent) {
        Matcher m = Pattern.compile(regex).matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : absent;
    }
}
