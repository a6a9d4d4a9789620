package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.registry.LocalRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code pairing registry}: the local schema registry alone, in the foreground. */
final class RegistryCommand {

    private RegistryCommand() {}

    static FlagSet flags() {
        return DataDirFlags.add(new FlagSet("pairing registry",
                "A real schema registry (Apicurio Registry) on this machine, in the foreground; Ctrl-C stops it.\n"
                        + "Its Confluent-compatible API is what --schemaRegistry takes.")
                .option("port", "8085", "the HTTP port"),
                ".pairing/registry", "where its schemas (an H2 database) and its log live");
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Usage.withFlags(flags(), args, out, err, flags -> {
            int port = flags.intValue("port", 1, 65535);
            // before --fresh deletes anything; what fails here PairingCommand prints, without a stack trace
            LocalRegistry.requirePortFree(port, "--port");
            Path dir = DataDirFlags.prepare(flags);
            out.printf("starting the schema registry on 127.0.0.1:%d ...%n", port);
            LocalRegistry registry = LocalRegistry.start(LocalBuild.locate(), dir, port);
            out.println("the schema registry is up: --schemaRegistry " + registry.url());
            out.println("schemas in " + dir + ", log in " + registry.logFile() + "; Ctrl-C stops it");
            return Foreground.hold(List.of(registry.process()), registry::stop, err);
        });
    }
}
