package dev.pairing.local.cli;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.local.demo.Demo;
import dev.pairing.local.demo.DemoSettings;
import java.io.PrintStream;

/** {@code pairing demo}. */
final class DemoCommand {

    private DemoCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Usage.withFlags(DemoSettings.flags(), DemoSettings.normalise(args), out, err, flags -> {
            Demo demo = new Demo(LocalBuild.locate(), DemoSettings.from(flags), out);
            Thread hook = demo.shutdownHook();
            Runtime.getRuntime().addShutdownHook(hook);
            int code = demo.run();
            return Foreground.removeHook(hook) ? code : -1;
        });
    }
}
