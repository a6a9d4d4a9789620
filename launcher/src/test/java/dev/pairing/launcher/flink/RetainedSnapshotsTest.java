package dev.pairing.launcher.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedSnapshotsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path cluster;

    @Test
    void aCheckpointRetainedAfterTheLastSavepointIsNewer() throws IOException {
        Path savepoint = snapshot("savepoints/savepoint-aaaa-1", 0);
        Path checkpoint = snapshot("checkpoints/job-b/chk-7", 60);

        assertThat(snapshots().newest()).hasValue(checkpoint);
        assertThat(savepoint).exists();
    }

    @Test
    void aSavepointTakenAfterTheLastRetainedCheckpointIsNewer() throws IOException {
        snapshot("checkpoints/job-a/chk-3", 0);
        Path savepoint = snapshot("savepoints/savepoint-aaaa-2", 60);

        assertThat(snapshots().newest()).hasValue(savepoint);
    }

    @Test
    void aSnapshotWithoutMetadataIsIncompleteAndNeverChosen() throws IOException {
        Path complete = snapshot("savepoints/savepoint-aaaa-1", 0);
        Files.createDirectories(cluster.resolve("checkpoints/job-b/chk-9"));

        assertThat(snapshots().newest()).hasValue(complete);
        assertThat(new RetainedSnapshots(cluster.resolve("none"), cluster.resolve("none2")).newest()).isEmpty();
    }

    @Test
    void everythingButTheChosenSnapshotIsDiscardedWithTheFilesItsJobShares() throws IOException {
        Path oldSavepoint = snapshot("savepoints/savepoint-aaaa-1", 0);
        Path oldJob = snapshot("checkpoints/job-a/chk-3", 10).getParent();
        Path keep = snapshot("checkpoints/job-b/chk-7", 60);
        Path shared = Files.createDirectories(cluster.resolve("checkpoints/job-b/shared"));
        Files.writeString(shared.resolve("sst-1"), "incremental state");

        RetainedSnapshots snapshots = snapshots();
        assertThat(snapshots.discardAllBut(Optional.of(keep))).containsExactlyInAnyOrder(oldJob, oldSavepoint);

        assertThat(keep.resolve("_metadata")).exists();
        assertThat(shared.resolve("sst-1")).exists();
        assertThat(oldJob).doesNotExist();
        assertThat(oldSavepoint).doesNotExist();
        assertThat(snapshots.newest()).hasValue(keep);
    }

    private RetainedSnapshots snapshots() {
        return new RetainedSnapshots(cluster.resolve("checkpoints"), cluster.resolve("savepoints"));
    }

    private Path snapshot(String path, int secondsAfterT0) throws IOException {
        Path dir = Files.createDirectories(cluster.resolve(path));
        Path metadata = Files.writeString(dir.resolve("_metadata"), "metadata");
        Files.setLastModifiedTime(metadata, FileTime.from(T0.plusSeconds(secondsAfterT0)));
        return dir;
    }
}
