package dev.pairing.launcher.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class and exits when the parent process goes away. A child's stdin is a pipe
 * from its parent; when the parent dies, even by SIGKILL, the pipe closes and this guard stops the
 * child the graceful way (System.exit runs its shutdown hooks). Without it a killed demo would leave
 * a broker or a TaskManager holding its ports.
 *
 * <p>JDK-only on purpose: it is put on the broker's and Flink's classpaths next to their own jars.
 */
public final class OrphanGuard {

    /** Exit status of a child stopped because its parent disappeared. */
    static final int PARENT_GONE = 129;

    private OrphanGuard() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: OrphanGuard <main class> [args...]");
            System.exit(2);
        }
        Thread watcher = new Thread(() -> {
            waitForEndOfInput(System.in);
            System.err.println("orphan-guard: the parent process is gone; stopping " + args[0]);
            System.exit(PARENT_GONE);
        }, "orphan-guard");
        watcher.setDaemon(true);
        watcher.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // nobody writes to a child's stdin; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of input
        }
    }
}
