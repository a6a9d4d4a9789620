package dev.pairing.launcher.flink;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.JavaCommand;
import dev.pairing.launcher.process.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How Flink's own scripts start its JVMs, without the scripts: the classpath of Flink's jars, the
 * JDK 17 module openings Flink needs, logging to a file, and the memory flags that Flink computes
 * itself from {@code config.yaml} ({@code BashJavaUtils}), and, as the scripts do, the options of
 * {@code env.java.opts.all} in {@code config.yaml} on every JVM: JobManager, TaskManagers and client.
 */
final class FlinkJvm {

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    /** Flink's key for the JVM options of all its processes (the scripts add them to each). */
    static final String JAVA_OPTS_ALL = "env.java.opts.all";

    private final LocalBuild build;
    private final Path confDir;
    private final Path logDir;

    FlinkJvm(LocalBuild build, Path confDir, Path logDir) {
        this.build = build;
        this.confDir = confDir;
        this.logDir = logDir;
    }

    /** A java command on Flink's classpath, logging to {@code logs/<logName>.log}. */
    JavaCommand java(String logName) {
        return build.javaCommand().jarsIn(build.flinkLib())
                .jvm(addOpens())
                .jvm("-Dlog.file=" + logDir.resolve(logName + ".log"),
                        "-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri())
                .jvm(javaOptsAll());
    }

    /** {@code env.java.opts.all} of the configuration, split at white space; none when absent. */
    private List<String> javaOptsAll() {
        Path config = confDir.resolve("config.yaml");
        if (!Files.exists(config)) {
            return List.of();
        }
        try {
            // the launcher writes flat "key: value" lines; a value with spaces is split as the scripts split it
            return Files.readAllLines(config, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith(JAVA_OPTS_ALL + ":"))
                    .flatMap(line -> Arrays.stream(line.substring(JAVA_OPTS_ALL.length() + 1).trim().split("\\s+")))
                    .filter(option -> !option.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM flags and the {@code -D key=value} dynamic properties for a JobManager
     * ({@code GET_JM_RESOURCE_PARAMS}) or a TaskManager ({@code GET_TM_RESOURCE_PARAMS}).
     */
    ResourceParams resourceParams(String command) {
        Path out = logDir.resolve(command.toLowerCase() + ".out");
        try {
            Files.deleteIfExists(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess utils = ChildProcess.start("flink " + command,
                java("bash-java-utils").jvm("-Xmx128m")
                        .guardedMain("org.apache.flink.runtime.util.bash.BashJavaUtils")
                        .args(command, "--configDir", confDir.toString()).toList(),
                Map.of(), out);
        int status = utils.waitFor(Duration.ofSeconds(60));
        List<String> results = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (line.startsWith(RESULT_PREFIX)) {
                    results.add(line.substring(RESULT_PREFIX.length()).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (status != 0 || results.size() != 2) {
            throw new LaunchException("Flink could not size its memory from " + confDir.resolve("config.yaml")
                    + " (exit " + status + "):\n" + utils.logTail(20));
        }
        return new ResourceParams(split(results.get(0)), split(results.get(1)));
    }

    record ResourceParams(List<String> jvmOptions, List<String> dynamicProperties) {}

    private static List<String> split(String line) {
        return line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
    }

    /** The {@code --add-opens} list of Flink's default configuration, kept once in the parent pom. */
    static List<String> addOpens() {
        Properties props = new Properties();
        try (InputStream in = FlinkJvm.class.getResourceAsStream("flink-jvm.properties")) {
            if (in == null) {
                throw new IllegalStateException("flink-jvm.properties is missing from the launcher's jar");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return split(props.getProperty("add-opens", ""));
    }
}
