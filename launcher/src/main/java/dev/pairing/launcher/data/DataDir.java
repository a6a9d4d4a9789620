package dev.pairing.launcher.data;

import dev.pairing.launcher.process.DirectoryUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory this tool keeps its data in. It is marked when first used, and {@code --fresh} wipes
 * only a marked (or empty) directory, so a mistyped {@code --dataDir} never deletes someone's files,
 * and only while no running process works in it, so a broker or a cluster never loses its files
 * under it.
 */
public final class DataDir {

    static final String MARKER = ".pairing-data";

    private DataDir() {}

    /** Creates the directory if needed and marks it as this tool's. */
    public static Path claim(Path dir) {
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "created by ./pairing; --fresh deletes this directory\n");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The directory, wiped first when {@code fresh}, and claimed. @see #wipe(Path) */
    public static Path prepare(Path dir, boolean fresh) {
        if (fresh) {
            wipe(dir);
        }
        return claim(dir);
    }

    /**
     * {@code root} and {@code owned}, a directory inside it, both claimed; with {@code fresh} only
     * {@code owned} is wiped first, so whatever else lives in {@code root} (another command's data)
     * stays. {@code owned} counts as this tool's when it or {@code root} is marked.
     */
    public static Path prepare(Path root, Path owned, boolean fresh) {
        if (!owned.startsWith(root)) {
            throw new IllegalArgumentException(owned + " is not inside " + root);
        }
        if (fresh && Files.exists(owned)) {
            requireOurs(Files.exists(root.resolve(MARKER)) ? root : owned);
            delete(owned);
        }
        claim(root);
        return claim(owned);
    }

    /** Deletes the directory and everything in it, if it is this tool's and no running process works in it. */
    public static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        requireOurs(dir);
        delete(dir);
    }

    private static void requireOurs(Path dir) {
        try {
            if (!Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
                throw new IllegalStateException("--fresh would wipe " + dir + ", which this tool did not create; "
                        + "choose another --dataDir or delete it yourself");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        DirectoryUsers.requireNone(dir);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not wipe " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
