package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.launcher.data.DataDir;
import java.nio.file.Path;

/** The {@code --dataDir} and {@code --fresh} flags of the commands that keep data on this machine. */
final class DataDirFlags {

    private DataDirFlags() {}

    static FlagSet add(FlagSet flags, String defaultDir, String whatItHolds) {
        return flags.option("dataDir", defaultDir, whatItHolds)
                .option("fresh", "false", "true: delete the data directory first");
    }

    /**
     * The directory, wiped first with {@code --fresh true}, and claimed for this tool.
     *
     * @throws IllegalStateException when {@code --fresh} would wipe a directory this tool did not create
     *     ({@link PairingCommand} prints its message)
     */
    static Path prepare(ParsedFlags flags) throws UsageException {
        return DataDir.prepare(Path.of(flags.string("dataDir")).toAbsolutePath().normalize(),
                Boolean.parseBoolean(flags.choice("fresh", "true", "false")));
    }
}
