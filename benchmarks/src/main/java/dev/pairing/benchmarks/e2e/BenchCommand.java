package dev.pairing.benchmarks.e2e;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.Children;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./pairing bench}: runs the benchmark and writes {@code bench.md}, {@code bench.json} and
 * {@code bench.png}. Every process it starts stops at the end, on an error and on Ctrl-C.
 */
public final class BenchCommand {

    private BenchCommand() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        FlagSet flags = BenchSettings.flags();
        BenchSettings settings;
        try {
            ParsedFlags parsed = flags.parse(args);
            if (parsed.helpRequested()) {
                flags.printUsage(System.out);
                System.exit(0);
            }
            settings = BenchSettings.from(parsed);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println();
            flags.printUsage(System.err);
            System.exit(2);
            return;
        }
        String command = "./pairing bench " + String.join(" ", args);
        Bench bench = new Bench(settings, LocalBuild.locate(), System.out);
        AtomicBoolean done = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (!done.get()) {
                System.out.println("\ninterrupted: stopping everything the benchmark started ...");
                bench.stopAll();
                Children.stopAll(Duration.ofSeconds(10));
            }
        }, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status = 0;
        long t0 = System.nanoTime();
        try {
            BenchResults results = bench.run();
            results.machine.put("load average at end", Machine.loadAverage());
            results.settings.put("total run time", String.format("%.0f s", (System.nanoTime() - t0) / 1e9));
            write(settings, results, command);
        } catch (RuntimeException | IOException e) {
            System.err.println("pairing bench: " + e.getMessage());
            status = 1;
        } finally {
            bench.stopAll();
            Children.stopAll(Duration.ofSeconds(10));
            done.set(true);
        }
        System.exit(status);
    }

    private static void write(BenchSettings settings, BenchResults results, String command) throws IOException {
        Files.createDirectories(settings.outDir());
        String markdown = Report.markdown(results, command);
        Files.writeString(settings.outDir().resolve("bench.md"), markdown);
        Files.writeString(settings.outDir().resolve("bench.json"), Report.json(results, command));
        Chart.write(results, settings.outDir().resolve("bench.png"));
        System.out.println();
        System.out.println(markdown);
        System.out.println("written: " + settings.outDir().resolve("bench.md") + ", bench.json, bench.png");
    }
}
