package dev.pairing.chaos;

import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged producer ({@code producer.jar}) and verify ({@code verify.jar}), each in a JVM of its own. */
final class ProducerCommand {

    private ProducerCommand() {}

    /**
     * Sends {@code count} records at {@code rate} per second, 1 % of them corrupted (out of range or
     * undecodable), so dead letters go through the drills too.
     */
    static ChildProcess start(Path log, String bootstrapServers, String topic, long count, int rate, long seed,
            String... extraFlags) {
        List<String> args = new ArrayList<>(List.of("--bootstrapServers", bootstrapServers, "--topic", topic,
                "--count", Long.toString(count), "--rate", Integer.toString(rate), "--seed", Long.toString(seed),
                "--corruptRate", "0.01", "--pairSum", Integer.toString(Pipeline.PAIR_SUM)));
        args.addAll(List.of(extraFlags));
        return jar(ChaosStack.build().producerJar(), log, args);
    }

    /** The producer's jar with exactly these arguments. */
    static ChildProcess producer(Path log, String... args) {
        return jar(ChaosStack.build().producerJar(), log, List.of(args));
    }

    /** verify's jar with these arguments. */
    static ChildProcess verify(Path log, String... args) {
        return jar(ChaosStack.build().verifyJar(), log, List.of(args));
    }

    private static ChildProcess jar(Path jar, Path log, List<String> args) {
        return ChildProcess.start(jar.getFileName().toString(), ChaosStack.build().javaCommand()
                .jvm(StreamsRunnerProcess.DEFAULT_JVM_OPTIONS).guardedJar(jar).args(args).toList(), Map.of(), log);
    }
}
