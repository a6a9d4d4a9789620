package dev.pairing.launcher.flink;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink's own command-line client ({@code CliFrontend}, what {@code bin/flink} runs): submits the job
 * jar with its flags, and stops jobs. Talks to the cluster in its configuration directory, or to
 * {@code --jobmanager host:port} when given one.
 */
public final class FlinkCli {

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final FlinkJvm jvm;
    private final Path confDir;
    private final Path logDir;
    private final String jobManager;
    private final Map<String, String> environment;

    /** @param jobManager {@code host:port} of the REST endpoint, or null for the one in {@code confDir} */
    public FlinkCli(LocalBuild build, Path confDir, Path logDir, String jobManager) {
        this(new FlinkJvm(build, confDir, logDir), confDir, logDir, jobManager, Map.of());
    }

    private FlinkCli(FlinkJvm jvm, Path confDir, Path logDir, String jobManager, Map<String, String> environment) {
        this.jvm = jvm;
        this.confDir = confDir;
        this.logDir = logDir;
        this.jobManager = jobManager;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The same client with {@code variables} in its environment, as a shell in the JobManager's
     * container has the container's: the job's {@code PAIRING_*} flag defaults, for instance.
     */
    public FlinkCli withEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(variables);
        return new FlinkCli(jvm, confDir, logDir, jobManager, merged);
    }

    /**
     * A client for the cluster whose REST endpoint is {@code jobManager} ({@code host:port}), with a
     * client-only configuration and its logs in a directory of its own.
     */
    public static FlinkCli forRemote(LocalBuild build, String jobManager) {
        try {
            Path work = Files.createTempDirectory("pairing-flink-client");
            Path conf = Files.createDirectories(work.resolve("conf"));
            Files.writeString(conf.resolve("config.yaml"), "# client side only; the cluster is given with -m\n");
            Files.writeString(conf.resolve("log4j.properties"), FlinkConfig.logConfig());
            return new FlinkCli(build, conf, work.resolve("logs"), jobManager);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outcome of one client run: its exit status and everything it printed. */
    public record Result(int status, String output) {}

    /**
     * {@code flink run -d ...}: returns the job id once Flink has accepted the job. That the job runs
     * is {@link FlinkRest#awaitRunning}'s to say.
     *
     * @throws IllegalStateException with the client's last lines when Flink refuses it
     */
    public String submit(JobSubmission submission) {
        Result result = run("submit", submission.runArgs());
        Matcher m = JOB_ID.matcher(result.output());
        if (result.status() != 0 || !m.find()) {
            throw new IllegalStateException("Flink did not accept the job (exit " + result.status() + "):\n"
                    + lastLines(result.output(), 25));
        }
        return m.group(1);
    }

    /**
     * {@code flink stop -p dir jobId}: a savepoint, then the job finishes; its exactly-once sinks
     * commit what the savepoint covers. Returns the savepoint's path.
     */
    public String stopWithSavepoint(String jobId, Path savepointDir) {
        Result result = run("stop", List.of("stop", "-p", savepointDir.toUri().toString(), jobId));
        Matcher m = SAVEPOINT.matcher(result.output());
        if (result.status() != 0 || !m.find()) {
            throw new IllegalStateException("stopping job " + jobId + " with a savepoint failed (exit "
                    + result.status() + "):\n" + lastLines(result.output(), 15));
        }
        return m.group(1);
    }

    public Result cancel(String jobId) {
        return run("cancel", List.of("cancel", jobId));
    }

    /** Runs the client with these arguments, its output also kept in {@code logs/flink-<action>.out}. */
    public Result run(String action, List<String> cliArgs) {
        ChildProcess client = start(action, cliArgs);
        int status = client.waitFor(TIMEOUT);
        try {
            return new Result(status, Files.readString(client.logFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the client with these arguments and returns it running, its output in
     * {@code logs/flink-<action>.out}: {@code flink run} without {@code -d} stays attached to its job
     * until the job ends, as the original project's submission does.
     */
    public ChildProcess start(String action, List<String> cliArgs) {
        List<String> args = new ArrayList<>(cliArgs);
        if (jobManager != null) {
            // the target goes right after the action: `flink run -m host:port ...`
            args.addAll(1, List.of("-m", jobManager));
        }
        Path out = logDir.resolve("flink-" + action + ".out");
        try {
            Files.createDirectories(logDir);
            Files.deleteIfExists(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("FLINK_CONF_DIR", confDir.toString());
        return ChildProcess.start("flink " + action,
                jvm.java("flink-client").jvm("-Xmx512m").guardedMain("org.apache.flink.client.cli.CliFrontend")
                        .args(args).toList(),
                variables, out);
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.split("\\R");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }
}
