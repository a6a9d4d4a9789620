package dev.pairing.launcher.process;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The running processes that work in a directory: those whose command line names it or a path
 * inside it. Every process the local stack starts is given its data, state and configuration as
 * absolute paths on its command line (a broker its {@code server.properties}, Flink its
 * {@code --configDir}, the Streams runner its {@code --stateDir}, {@code pairing kafka} its
 * {@code --dataDir}), so this finds them without any file they would have to leave behind.
 */
public final class DirectoryUsers {

    private DirectoryUsers() {}

    /** The processes of this user other than this JVM whose command line names {@code dir} or a path under it. */
    public static List<ProcessHandle> of(Path dir) {
        Pattern named = Pattern.compile(Pattern.quote(dir.toAbsolutePath().normalize().toString()) + "(?=[/\\s\"':;,=]|$)");
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> process.info().commandLine().map(line -> named.matcher(line).find()).orElse(false))
                .toList();
    }

    /**
     * @throws InUseException naming each process, when one works in {@code dir}
     */
    public static void requireNone(Path dir) {
        List<ProcessHandle> users = of(dir);
        if (!users.isEmpty()) {
            throw new InUseException(dir, users);
        }
    }

    /** A directory some running process works in. */
    public static final class InUseException extends IllegalStateException {
        InUseException(Path dir, List<ProcessHandle> users) {
            super(dir + " is in use by " + String.join(", ", users.stream().map(DirectoryUsers::describe).toList())
                    + "; stop it first, or choose another --dataDir");
        }
    }

    private static String describe(ProcessHandle process) {
        String command = process.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
        String main = process.info().arguments().map(DirectoryUsers::mainClass).orElse("");
        return "pid " + process.pid() + " (" + command + (main.isEmpty() ? "" : " " + main) + ")";
    }

    /** The first argument after the JVM's options and classpath: usually the main class, the most telling word. */
    private static String mainClass(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path") || arg.equals("-jar")) {
                if (arg.equals("-jar") && i + 1 < args.length) {
                    return Path.of(args[i + 1]).getFileName().toString();
                }
                i++;
            } else if (!arg.startsWith("-")) {
                return arg.equals(OrphanGuard.class.getName()) && i + 1 < args.length ? args[i + 1] : arg;
            }
        }
        return "";
    }
}
