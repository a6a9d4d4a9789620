package dev.pairing.flink.testing;

import dev.pairing.flink.PairingJobConfig;
import dev.pairing.flink.sink.OutputSinks;
import dev.pairing.runtime.PipelineStartup;
import dev.pairing.runtime.StartupException;
import java.util.List;

/** The runners' start-up sequence as {@code flink run} runs it before a test builds the job itself. */
public final class JobStart {

    private JobStart() {}

    /**
     * Creates the job's missing topics and checks them, as the client does before it submits.
     *
     * @return the topics it created
     * @throws StartupException when the job could not start on these topics
     */
    public static List<String> createTopics(PairingJobConfig config) throws StartupException {
        return PipelineStartup.prepare(config.pipeline(), OutputSinks.deadLetterMaxRequestSize(config),
                PipelineStartup.Report.printing(System.out::println)).createdTopics();
    }
}
