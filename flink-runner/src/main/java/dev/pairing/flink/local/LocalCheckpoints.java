package dev.pairing.flink.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;

/**
 * Where a local run keeps its checkpoints, and which one it resumes from. The job gets a job id fixed
 * by its group id, so every run of one pipeline writes to {@code <stateDir>/checkpoints/<job id>/} and
 * finds its predecessors' checkpoints there; two pipelines (two group ids) never share one.
 */
final class LocalCheckpoints {

    private static final String CHECKPOINT_PREFIX = "chk-";
    private static final String METADATA = "_metadata";

    private final Path stateDir;
    private final JobID jobId;

    LocalCheckpoints(Path stateDir, String groupId) {
        this.stateDir = stateDir;
        UUID id = UUID.nameUUIDFromBytes(("pairing " + groupId).getBytes(StandardCharsets.UTF_8));
        this.jobId = new JobID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** The job id of every run of this pipeline. */
    JobID jobId() {
        return jobId;
    }

    /** Flink's checkpoint directory: Flink adds the job id below it. */
    Path directory() {
        return stateDir.resolve("checkpoints");
    }

    /** The completed checkpoint with the highest number, if any (one Flink finished writing has its metadata). */
    Optional<Path> latest() {
        Path ofJob = directory().resolve(jobId.toHexString());
        if (!Files.isDirectory(ofJob)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(ofJob)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(CHECKPOINT_PREFIX))
                    .filter(p -> Files.isRegularFile(p.resolve(METADATA)))
                    .max(Comparator.comparingLong(LocalCheckpoints::number));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoints in " + ofJob, e);
        }
    }

    private static long number(Path checkpoint) {
        try {
            return Long.parseLong(checkpoint.getFileName().toString().substring(CHECKPOINT_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
