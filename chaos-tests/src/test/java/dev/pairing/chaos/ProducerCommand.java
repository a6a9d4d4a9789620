package dev.pairing.chaos;

import dev.pairing.testsupport.JarProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged producer ({@code producer.jar}): the seeded number stream, keyed by complement class. */
final class ProducerCommand {

    static final Path JAR = JarProcess.jarFromProperty("producer.jar");

    private ProducerCommand() {}

    /**
     * Sends {@code count} records at {@code rate} per second, 1 % of them corrupted (out of range or
     * undecodable), so dead letters go through the drills too.
     */
    static JarProcess start(Path log, String bootstrapServers, String topic, long count, int rate, long seed,
            String... extraFlags) {
        List<String> args = new ArrayList<>(List.of("--bootstrapServers", bootstrapServers, "--topic", topic,
                "--count", Long.toString(count), "--rate", Integer.toString(rate), "--seed", Long.toString(seed),
                "--corruptRate", "0.01", "--pairSum", Integer.toString(Pipeline.PAIR_SUM)));
        args.addAll(List.of(extraFlags));
        return JarProcess.start(JAR, log, args.toArray(String[]::new));
    }
}
