package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import dev.pairing.testsupport.ForeignWriterSchemas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry that stays down stops processing; it never turns a record into a dead letter. */
class RegistryOutageTest {

    @TempDir
    Path stateDir;
    private PairingDriver pipeline;

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void aRegistryThatStaysDownFailsTheTaskAndDeadLettersNothing() {
        // nothing listens on port 1: every attempt is refused at once
        RegistrySettings nowhere = RegistrySettings.of("http://127.0.0.1:1/apis/ccompat/v7")
                .withUnavailableBudget(Duration.ofMillis(300));
        pipeline = new PairingDriver(PairingDriver.config(PipelineSpec.builder().registry(nowhere).build(), false), stateDir);

        assertThatThrownBy(() -> pipeline.raw.pipeInput(ForeignWriterSchemas.framed(1, ForeignWriterSchemas.V1, 5, 1)))
                .satisfies(failure -> assertThat(causeChain(failure)).anyMatch(RegistryUnavailableException.class::isInstance));
        assertThat(pipeline.deadLetters.isEmpty()).isTrue();
        assertThat(pipeline.enriched.isEmpty()).isTrue();
    }

    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
