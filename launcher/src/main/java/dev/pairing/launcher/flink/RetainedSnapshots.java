package dev.pairing.launcher.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The snapshots a local cluster keeps on disk: checkpoints it retained (a job killed, failed or
 * cancelled leaves its latest one, {@code checkpoints/<job id>/chk-N}) and savepoints
 * ({@code savepoints/savepoint-...}). A snapshot is complete once Flink has written its
 * {@code _metadata}; the newest complete one is where a job resumed on the same data goes on from.
 */
public final class RetainedSnapshots {

    private static final String METADATA = "_metadata";

    private final Path checkpoints;
    private final Path savepoints;

    public RetainedSnapshots(Path checkpoints, Path savepoints) {
        this.checkpoints = checkpoints;
        this.savepoints = savepoints;
    }

    /** The complete snapshot written last, checkpoint or savepoint. */
    public Optional<Path> newest() {
        return complete().stream().max(Comparator.comparing(RetainedSnapshots::writtenAt));
    }

    /**
     * Deletes every snapshot except {@code keep}, which the next job resumes from: older ones can
     * never be the newest again. A checkpoint's whole job directory stays with it, because incremental
     * checkpoints share files there; a job resumed from it writes a full checkpoint first, so nothing
     * of its own ever points into an older job's directory.
     *
     * @return what it deleted
     */
    public List<Path> discardAllBut(Optional<Path> keep) {
        List<Path> discarded = new ArrayList<>();
        for (Path job : children(checkpoints)) {
            if (keep.isEmpty() || !keep.get().startsWith(job)) {
                delete(job);
                discarded.add(job);
            }
        }
        for (Path savepoint : children(savepoints)) {
            if (keep.isEmpty() || !keep.get().equals(savepoint)) {
                delete(savepoint);
                discarded.add(savepoint);
            }
        }
        return discarded;
    }

    private List<Path> complete() {
        List<Path> snapshots = new ArrayList<>();
        for (Path job : children(checkpoints)) {
            children(job).stream().filter(dir -> dir.getFileName().toString().startsWith("chk-"))
                    .filter(RetainedSnapshots::isComplete).forEach(snapshots::add);
        }
        children(savepoints).stream().filter(RetainedSnapshots::isComplete).forEach(snapshots::add);
        return snapshots;
    }

    private static boolean isComplete(Path snapshot) {
        return Files.isRegularFile(snapshot.resolve(METADATA));
    }

    private static FileTime writtenAt(Path snapshot) {
        try {
            return Files.getLastModifiedTime(snapshot.resolve(METADATA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
