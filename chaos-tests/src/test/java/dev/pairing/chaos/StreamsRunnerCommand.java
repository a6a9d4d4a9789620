package dev.pairing.chaos;

import dev.pairing.testsupport.JarProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged Streams runner ({@code streams-runner.jar}) on one pipeline, as an operator runs it.
 * Every start uses the same state directory, as a supervisor restarting it on the same host would;
 * each start logs to a file of its own.
 */
final class StreamsRunnerCommand {

    static final Path JAR = JarProcess.jarFromProperty("streams.runner.jar");
    /** Printed once the application processes records. */
    static final String RUNNING = "RUNNING:";

    private final Path dir;
    private final List<String> args = new ArrayList<>();
    private int starts;

    StreamsRunnerCommand(Path dir, Pipeline pipeline, String bootstrapServers, String... extraFlags) {
        this.dir = dir;
        args.addAll(pipeline.runnerFlags(bootstrapServers));
        args.addAll(List.of("--stateDir", dir.resolve("state").toString(), "--inputKeyedByClass", "true",
                // the runner's own membership defaults (a static instance id kept in the state
                // directory, a 10 s session) are what the drills measure
                "--createTopics", "false"));
        args.addAll(List.of(extraFlags));
    }

    JarProcess start() {
        starts++;
        return JarProcess.start(JAR, dir.resolve("streams-runner-" + starts + ".log"), args.toArray(String[]::new));
    }
}
