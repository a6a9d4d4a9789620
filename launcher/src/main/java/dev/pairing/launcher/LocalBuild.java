package dev.pairing.launcher;

import dev.pairing.launcher.process.JavaCommand;
import dev.pairing.launcher.process.OrphanGuard;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This checkout's build output: where {@code ./mvnw package} put the runners' jars, the producer's
 * and verify's, and the broker's, Flink's and the registry's classpaths. Found from the repository
 * root, which {@code ./pairing} and the test runs pass as {@code pairing.home}.
 */
public record LocalBuild(Path home) {

    public static final String HOME_PROPERTY = "pairing.home";

    /** From {@code -Dpairing.home}, else the working directory. */
    public static LocalBuild locate() {
        String home = System.getProperty(HOME_PROPERTY);
        return new LocalBuild(Path.of(home != null ? home : ".").toAbsolutePath().normalize());
    }

    public Path kafkaLib() {
        return home.resolve("launcher/kafka-lib/target/lib");
    }

    /** Apicurio Registry's unpacked bundle. */
    public Path registryBundle() {
        return home.resolve("launcher/registry-lib/target/apicurio");
    }

    public Path flinkLib() {
        return home.resolve("launcher/flink-lib/target/lib");
    }

    /** A jar holding only {@code OrphanGuard}, to put next to other programs' jars. */
    public Path orphanGuardJar() {
        return require(home.resolve("launcher/target/orphan-guard.jar"));
    }

    /**
     * A java command whose main class can run under {@link OrphanGuard}: every process the launcher
     * starts stops by itself when the JVM that started it goes away, even by SIGKILL.
     */
    public JavaCommand javaCommand() {
        return new JavaCommand().classpath(orphanGuardJar());
    }

    public Path producerJar() {
        return require(home.resolve("producer/target/producer.jar"));
    }

    public Path verifyJar() {
        return require(home.resolve("verify/target/verify.jar"));
    }

    /** The benchmarks' jar: the end-to-end harness behind {@code ./pairing bench}. */
    public Path benchmarksJar() {
        return require(home.resolve("benchmarks/target/benchmarks.jar"));
    }

    public Path streamsRunnerJar() {
        return require(home.resolve("streams-runner/target/streams-runner.jar"));
    }

    public Path flinkJobJar() {
        return require(home.resolve("flink-runner/target/flink-runner.jar"));
    }

    private static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build first (./mvnw -DskipTests package, "
                    + "or just ./pairing, which builds on first use)");
        }
        return file;
    }
}
