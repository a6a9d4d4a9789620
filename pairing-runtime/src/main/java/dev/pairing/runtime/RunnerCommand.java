package dev.pairing.runtime;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import java.io.PrintStream;

/**
 * How a runner's command line ends, the same for every runner: the usage on {@code --help}
 * (status 0), the error and the usage for a bad command line (2), one line for a pipeline that
 * cannot start (1), else whatever the runner's body returns (0 after a clean stop, 1 after a failure).
 */
public final class RunnerCommand {

    public static final int CLEAN = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** What the runner does once its command line parsed. */
    @FunctionalInterface
    public interface Body {
        /**
         * @return the exit status
         * @throws UsageException   for values that parse but do not fit together
         * @throws StartupException when the pipeline cannot start
         * @throws Exception        anything else the engine throws, which ends the command with its trace
         */
        int run(ParsedFlags flags) throws Exception;
    }

    private RunnerCommand() {}

    /**
     * Parses {@code args} against {@code flags} and runs {@code body}.
     *
     * @return the exit status; the caller exits with it
     */
    public static int run(FlagSet flags, String[] args, PrintStream out, PrintStream err, Body body)
            throws Exception {
        try {
            ParsedFlags parsed = flags.parse(args);
            if (parsed.helpRequested()) {
                flags.printUsage(out);
                return CLEAN;
            }
            return body.run(parsed);
        } catch (UsageException e) {
            flags.printError(e, err);
            return USAGE;
        } catch (StartupException e) {
            err.println(flags.command() + ": cannot start: " + e.getMessage());
            return FAILED;
        }
    }
}
