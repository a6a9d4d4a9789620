package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import java.io.PrintStream;

/** Runs a subcommand with its parsed flags: usage and 0 on --help, the error, usage and 2 on a bad command line. */
final class Usage {

    interface Action {
        int run(ParsedFlags flags) throws UsageException;
    }

    private Usage() {}

    static int withFlags(FlagSet flags, String[] args, PrintStream out, PrintStream err, Action action) {
        try {
            ParsedFlags parsed = flags.parse(args);
            if (parsed.helpRequested()) {
                flags.printUsage(out);
                return 0;
            }
            return action.run(parsed);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println();
            flags.printUsage(err);
            return 2;
        }
    }
}
