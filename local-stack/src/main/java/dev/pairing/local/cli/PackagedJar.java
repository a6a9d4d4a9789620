package dev.pairing.local.cli;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.JavaCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The commands that are a packaged jar of their own, run as a user runs it: the producer, the Streams
 * runner and verify with {@code java -jar}; the benchmark's harness by its main class, with the
 * repository root it starts the broker and the engines from.
 */
enum PackagedJar {
    PRODUCER(LocalBuild::producerJar, null),
    STREAMS_RUNNER(LocalBuild::streamsRunnerJar, null),
    VERIFY(LocalBuild::verifyJar, null),
    BENCHMARKS(LocalBuild::benchmarksJar, "dev.pairing.benchmarks.e2e.BenchCommand");

    private final Function<LocalBuild, Path> jar;
    private final String mainClass;

    PackagedJar(Function<LocalBuild, Path> jar, String mainClass) {
        this.jar = jar;
        this.mainClass = mainClass;
    }

    /** The java command line that runs it with {@code args}, from {@code build}. */
    List<String> command(LocalBuild build, String[] args) {
        JavaCommand java = new JavaCommand();
        if (mainClass == null) {
            java.jar(jar.apply(build));
        } else {
            java.jvm("-D" + LocalBuild.HOME_PROPERTY + "=" + build.home()).classpath(jar.apply(build)).main(mainClass);
        }
        return java.args(args).toList();
    }
}
