package dev.pairing.launcher.flink;

import dev.pairing.launcher.process.LaunchException;
import dev.pairing.launcher.process.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few answers of Flink's REST API the local stack waits on. The fields read are flat numbers
 * and words, so a pattern per field does; no JSON library is pulled in for them.
 */
public final class FlinkRest {

    /** What {@code /overview} says about capacity. */
    public record Overview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning) {}

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Empty while the REST endpoint does not answer. */
    public Optional<Overview> overview() {
        return get("/overview").map(body -> new Overview(number(body, "taskmanagers"), number(body, "slots-total"),
                number(body, "slots-available"), number(body, "jobs-running")));
    }

    /** The ids of the registered TaskManagers; empty when there are none or the API does not answer. */
    public Set<String> taskManagerIds() {
        Set<String> ids = new HashSet<>();
        get("/taskmanagers").ifPresent(body -> {
            Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            while (m.find()) {
                ids.add(m.group(1));
            }
        });
        return ids;
    }

    /**
     * The ids of the TaskManagers whose slots the ResourceManager has: a TaskManager is listed as
     * soon as it registers, and its slots count only once its slot report has arrived.
     */
    public Set<String> taskManagersWithSlots() {
        Set<String> ids = new HashSet<>();
        get("/taskmanagers").ifPresent(body -> {
            // slotsNumber precedes the nested objects of each TaskManager's entry
            Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"[^{}]*?\"slotsNumber\"\\s*:\\s*(\\d+)").matcher(body);
            while (m.find()) {
                if (Integer.parseInt(m.group(2)) > 0) {
                    ids.add(m.group(1));
                }
            }
        });
        return ids;
    }

    /** The job's state (RUNNING, FAILED, ...), or empty when unknown or unreachable. */
    public Optional<String> jobState(String jobId) {
        return get("/jobs/" + jobId).flatMap(body -> word(body, "state"));
    }

    /** The states a job does not leave: it processes nothing any more. */
    public static final List<String> ENDED = List.of("FAILED", "CANCELED", "FINISHED");

    /** Why the job processes nothing any more (it ended, with its latest exception), or empty while it may. */
    public Optional<String> jobEnded(String jobId) {
        return jobState(jobId).filter(ENDED::contains).map(state -> "the Flink job " + jobId + " is " + state + ":\n"
                + rootException(jobId).orElse("(no exception reported)"));
    }

    /**
     * Returns once the job is RUNNING with every task deployed and running: the one readiness check
     * of a Flink job, wherever it is submitted.
     *
     * @param failure asked before each look: why waiting is pointless (the job ended, the JobManager died)
     * @throws LaunchException with that reason, or when the job is not running within {@code timeout}
     */
    public void awaitRunning(String jobId, Duration timeout, Supplier<Optional<String>> failure) {
        boolean running = Poll.until(timeout, Duration.ofMillis(250), () -> {
            Optional<String> why = failure.get();
            if (why.isPresent()) {
                throw new LaunchException(why.get());
            }
            return allTasksRunning(jobId);
        });
        if (!running) {
            throw new LaunchException("the Flink job " + jobId + " was not RUNNING with all its tasks within "
                    + timeout.toSeconds() + " s (state " + jobState(jobId).orElse("unknown") + "); see " + baseUrl);
        }
    }

    /** As {@link #awaitRunning(String, Duration, Supplier)}, failing when the job ends. */
    public void awaitRunning(String jobId, Duration timeout) {
        awaitRunning(jobId, timeout, () -> jobEnded(jobId));
    }

    /**
     * Cancels the job ({@code PATCH /jobs/:id?mode=cancel}: no client JVM, which would cost seconds)
     * and waits until it has ended, or the API stops answering.
     *
     * @return whether it ended within {@code timeout}
     */
    public boolean cancel(String jobId, Duration timeout) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "?mode=cancel"))
                    .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return Poll.until(timeout, Duration.ofMillis(200), () -> jobState(jobId).map(ENDED::contains).orElse(true));
    }

    /** Whether the job is RUNNING with every task deployed and running, so it processes records now. */
    public boolean allTasksRunning(String jobId) {
        return get("/jobs/" + jobId).map(body -> {
            Matcher m = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"").matcher(body);
            boolean any = false;
            while (m.find()) {
                any = true;
                if (!m.group(1).equals("RUNNING")) {
                    return false;
                }
            }
            return any && word(body, "state").map("RUNNING"::equals).orElse(false);
        }).orElse(false);
    }

    /**
     * The ids of the TaskManagers that hold the job's current task attempts
     * ({@code localhost:<rpc port>-<suffix>}); empty when the API does not answer.
     */
    public Set<String> taskManagersRunning(String jobId) {
        Set<String> ids = new HashSet<>();
        get("/jobs/" + jobId).ifPresent(job -> {
            // each vertex's entry starts with its id (the job's own is "jid"); the plan repeats them
            Matcher vertex = Pattern.compile("\\{\\s*\"id\"\\s*:\\s*\"([^\"/]+)\"").matcher(job);
            while (vertex.find()) {
                get("/jobs/" + jobId + "/vertices/" + vertex.group(1) + "/taskmanagers").ifPresent(body -> {
                    Matcher tm = Pattern.compile("\"taskmanager-id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
                    while (tm.find()) {
                        ids.add(tm.group(1));
                    }
                });
            }
        });
        return ids;
    }

    /** Checkpoints the job has completed so far; 0 while none has or the API does not answer. */
    public long completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").map(body -> longNumber(body, "completed")).orElse(0L);
    }

    /**
     * When the job last went RESTARTING (the JobManager's clock, epoch ms), 0 if it never did; empty
     * when the API does not answer. Read from the job's status timestamps, not from the
     * {@code numRestarts} metric, which the REST API serves from a cache that can lag by seconds.
     */
    public OptionalLong lastRestart(String jobId) {
        return get("/jobs/" + jobId).map(body -> OptionalLong.of(longNumber(body, "RESTARTING")))
                .orElse(OptionalLong.empty());
    }

    /**
     * The job's latest failure, for error messages; empty when there is none. Flink 2 lists failures
     * newest first under {@code exceptionHistory}; the {@code root-exception} field of older
     * versions is read when that is all there is.
     */
    public Optional<String> rootException(String jobId) {
        return get("/jobs/" + jobId + "/exceptions").flatMap(body -> {
            Optional<String> latest = stringField(body, "stacktrace");
            return latest.isPresent() ? latest : stringField(body, "root-exception");
        });
    }

    /**
     * The first string value of {@code field}, unescaped. A scan, not a regular expression: stack
     * traces run to tens of kilobytes, and a regex alternation over that many characters overflows
     * the stack.
     */
    static Optional<String> stringField(String json, String field) {
        Matcher start = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"").matcher(json);
        if (!start.find()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (int i = start.end(); i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return Optional.of(out.toString());
            }
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char escaped = json.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    if (i + 4 < json.length()) {
                        out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> out.append(escaped); // \" \\ \/
            }
        }
        return Optional.empty(); // cut off: no closing quote
    }

    private Optional<String> get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static int number(String json, String field) {
        return Math.toIntExact(longNumber(json, field));
    }

    static long longNumber(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static Optional<String> word(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([A-Z_]+)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
