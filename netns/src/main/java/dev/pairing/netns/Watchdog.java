package dev.pairing.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * A small JVM per test network that removes the network when the JVM that made it goes away: its
 * stdin is a pipe from that JVM, which the kernel closes when the JVM dies, SIGKILL included (the
 * same trick as local-stack's orphan guard). It runs in a session of its own ({@code setsid}), so a
 * Ctrl-C or a kill of the test's process group does not take it along before it has cleaned up.
 */
public final class Watchdog {

    private Watchdog() {}

    /** Waits for end of input, then removes everything with the tag in {@code args[0]}. */
    public static void main(String[] args) {
        if (args.length != 1 || NetworkNames.tagOf(NetworkNames.bridge(args[0])) == null) {
            System.err.println("usage: Watchdog <network tag>");
            System.exit(2);
        }
        waitForEndOfInput(System.in);
        Leftovers left = Leftovers.ofTag(args[0]);
        left.remove();
        System.exit(0);
    }

    static Process start(String tag) {
        List<String> command = List.of("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", ownClasspath(), Watchdog.class.getName(), tag);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the network watchdog", e);
        }
    }

    /** Where this class was loaded from: the netns jar, or target/classes in a build. */
    private static String ownClasspath() {
        try {
            return Path.of(Watchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // nobody writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of input
        }
    }
}
