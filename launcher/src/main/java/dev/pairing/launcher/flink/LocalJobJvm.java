package dev.pairing.launcher.flink;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.JavaCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The pairing job in a JVM of its own on Flink's MiniCluster (flink-runner's {@code LocalPairingJob}):
 * the job jar and Flink's jars on the classpath, the JDK 17 module openings Flink needs, a fixed heap,
 * and Flink's own log in a file under the job's state directory, so the terminal shows only the job's
 * own lines. No cluster, no client: the JVM is the job.
 */
public final class LocalJobJvm {

    private LocalJobJvm() {}

    /** Where Flink's log of a local job with this state directory goes. */
    public static Path logFile(Path stateDir) {
        return stateDir.resolve("logs").resolve("flink.log");
    }

    /**
     * The java command line, after writing the log configuration under {@code stateDir}.
     *
     * @param mainClass the job's main class (flink-runner names it: the launcher sits below the runners)
     * @param heap      the JVM's {@code -Xmx}, e.g. {@code 512m}: heap state lives there
     * @param stateDir  the job's {@code --stateDir}, absolute; its {@code conf/} and {@code logs/} hold the logging
     * @param jobArgs   the job's flags, as given
     */
    public static List<String> command(LocalBuild build, String mainClass, String heap, Path stateDir,
            List<String> jobArgs) {
        Path conf = stateDir.resolve("conf").resolve("log4j.properties");
        try {
            Files.createDirectories(conf.getParent());
            Files.createDirectories(logFile(stateDir).getParent());
            Files.writeString(conf, FlinkConfig.logConfig());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job's log configuration in " + stateDir, e);
        }
        // the job jar first, as a cluster's user-code class loader puts it before Flink's
        return new JavaCommand().classpath(build.flinkJobJar()).jarsIn(build.flinkLib())
                .jvm("-Xmx" + heap).jvm(FlinkJvm.addOpens())
                .jvm("-Dlog.file=" + logFile(stateDir), "-Dlog4j.configurationFile=" + conf.toUri())
                .main(mainClass).args(jobArgs).toList();
    }
}
