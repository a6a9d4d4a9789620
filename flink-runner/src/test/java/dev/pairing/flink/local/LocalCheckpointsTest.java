package dev.pairing.flink.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which checkpoint a local run resumes from. */
class LocalCheckpointsTest {

    @TempDir
    Path stateDir;

    @Test
    void everyRunOfAGroupHasOneJobIdAndAnotherGroupAnother() {
        assertThat(new LocalCheckpoints(stateDir, "a").jobId()).isEqualTo(new LocalCheckpoints(stateDir, "a").jobId())
                .isNotEqualTo(new LocalCheckpoints(stateDir, "b").jobId());
    }

    @Test
    void theCompletedCheckpointWithTheHighestNumberIsResumedAndAnUnfinishedOneIsNot() throws Exception {
        LocalCheckpoints checkpoints = new LocalCheckpoints(stateDir, "a");
        assertThat(checkpoints.latest()).as("nothing yet").isEmpty();
        Path ofJob = checkpoints.directory().resolve(checkpoints.jobId().toHexString());
        completed(ofJob.resolve("chk-9"));
        completed(ofJob.resolve("chk-12"));
        Files.createDirectories(ofJob.resolve("chk-13")); // still being written: no metadata yet
        Files.createDirectories(ofJob.resolve("shared"));
        completed(new LocalCheckpoints(stateDir, "b").directory().resolve("chk-99"));

        assertThat(checkpoints.latest()).contains(ofJob.resolve("chk-12"));
    }

    private static void completed(Path checkpoint) throws Exception {
        Files.createDirectories(checkpoint);
        Files.writeString(checkpoint.resolve("_metadata"), "m");
    }
}
