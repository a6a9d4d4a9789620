package dev.pairing.streams;

import dev.pairing.runtime.RunnerCommand;
import dev.pairing.runtime.StartupException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streams runner's command line. Exit codes: 0 after a clean stop (SIGTERM, Ctrl-C), 1 when the
 * application cannot start or fails, 2 for a bad command line (with usage).
 */
public final class StreamsRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    /** Who ends the JVM: the application by itself (its exit status) or a signal (the shutdown hook). */
    private enum Ending { NOT_YET, BY_ITSELF, BY_SIGNAL }

    private static final AtomicReference<Ending> ending = new AtomicReference<>(Ending.NOT_YET);

    private StreamsRunner() {}

    public static void main(String[] args) throws Exception {
        int status = RunnerCommand.run(StreamsRunnerFlags.flagSet(), args, System.out, System.err,
                flags -> run(StreamsRunnerFlags.toConfig(flags)));
        if (ending.compareAndSet(Ending.NOT_YET, Ending.BY_ITSELF)) {
            System.exit(status);
        }
        // a signal came first: its shutdown hook closes the application and sets the exit status
    }

    static int run(StreamsRunnerConfig config) throws InterruptedException, StartupException {
        LOG.info("streams-runner starting with {}", config.describe());
        PairingApp app;
        try {
            app = PairingApp.start(config);
        } catch (RuntimeException e) {
            // e.g. a Kafka setting the client refuses: said with its stack, as it may be a bug of ours
            LOG.error("cannot start", e);
            return RunnerCommand.FAILED;
        }
        // SIGTERM and Ctrl-C: commit the open transaction and leave the group before the JVM goes
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean bySignal = ending.compareAndSet(Ending.NOT_YET, Ending.BY_SIGNAL);
            if (!bySignal) {
                // the application ended by itself (an error, say) and main is exiting: nothing left to commit,
                // and a "stopped cleanly" here would contradict the error just logged
                app.close(PairingApp.CLOSE_TIMEOUT);
                return;
            }
            LOG.info("stopping: committing and leaving the group");
            boolean clean = app.close(PairingApp.CLOSE_TIMEOUT);
            LOG.info(clean ? "stopped cleanly" : "stopped, but Kafka Streams did not close in time");
            // the JVM would exit 143 (128 + SIGTERM); a stop that was asked for and went well is a success
            Runtime.getRuntime().halt(clean ? 0 : 1);
        }, "streams-runner-shutdown"));
        KafkaStreams.State end = app.awaitTermination();
        LOG.info("streams-runner stopped in state {}", end);
        return end == KafkaStreams.State.ERROR ? 1 : 0;
    }
}
