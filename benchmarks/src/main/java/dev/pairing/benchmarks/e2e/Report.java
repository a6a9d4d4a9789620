package dev.pairing.benchmarks.e2e;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run as a Markdown table and as JSON; every figure beside the same run's baseline. */
final class Report {

    private Report() {}

    static String markdown(BenchResults r, String command) {
        StringBuilder md = new StringBuilder();
        md.append("# pairing bench\n\n`").append(command).append("`\n\n");
        md.append("Machine: ");
        appendInline(md, r.machine);
        md.append("\n\nSettings: ");
        appendInline(md, r.settings);
        md.append("\n");
        for (String warning : r.windowWarnings()) {
            md.append("\n**").append(warning).append("**\n");
        }
        if (r.expected != null) {
            md.append("\nInput: ").append(fmt("%,d", r.expected.inputs()))
                    .append(" raw events (1% corrupted), expected ").append(fmt("%,d", r.expected.pairs()))
                    .append(" pairs, ").append(fmt("%,d", r.expected.deadLetters())).append(" dead letters, ")
                    .append(fmt("%,d", r.expected.unpaired())).append(" unpaired.\n");
        }
        if (!r.drains.isEmpty()) {
            throughputTable(md, r);
            memoryTable(md, r);
        }
        if (!r.pending.isEmpty()) {
            pendingTable(md, r);
        }
        if (!r.latencies.isEmpty()) {
            Percentiles b = r.baselineLatency.percentiles();
            md.append("\n## Latency (produce time to read_committed visibility on enriched-topic)\n\n");
            md.append("| run | guarantee | p50 ms | p99 ms | p99.9 ms | samples | p50 / baseline | p99 / baseline |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
            latencyRow(md, r.baselineLatency, b);
            for (BenchResults.Latency l : r.latencies) {
                latencyRow(md, l, b);
            }
        }
        for (String note : r.notes) {
            md.append("\n").append(note).append("\n");
        }
        md.append("\n![chart](bench.png)\n");
        return md.toString();
    }

    private static void throughputTable(StringBuilder md, BenchResults r) {
        int rounds = r.drains.get(BenchResults.BASELINE) == null ? 0 : r.drains.get(BenchResults.BASELINE).size();
        md.append("\n## Throughput (drain of the preloaded topic, exactly-once; median of ").append(rounds)
                .append(rounds == 1 ? " round" : " rounds").append(")\n\n");
        md.append("| run | events/s | range | ratio to baseline | ratio range | target | met | shortest window "
                + "| first output visible after | all visible after |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (String run : r.runs()) {
            row(md, r, run);
        }
        md.append("\nevents/s = input events per second from the first output record a read_committed reader sees to "
                + "the last expected one (the engine's start-up and its first commit are outside this window; the "
                + "last two columns, medians, are from the process start or job submission). Rounds alternate the "
                + "baseline and the engines; ratio = the median of each round's ratio to the same round's baseline; "
                + "ranges are the lowest and highest round. A window under " + fmt("%.0f", MeasuringWindow.MIN_SECONDS)
                + " s is warned about above.\n");
    }

    static void row(StringBuilder md, BenchResults r, String run) {
        boolean base = run.equals(BenchResults.BASELINE);
        Spread eps = r.eventsPerSecond(run);
        Spread ratio = base ? new Spread(1, 1, 1, eps.count()) : r.ratio(run);
        List<BenchResults.Throughput> samples = r.drains.get(run);
        Spread first = Spread.of(samples.stream().map(BenchResults.Throughput::firstVisibleSeconds).toList());
        Spread all = Spread.of(samples.stream().map(BenchResults.Throughput::wallSeconds).toList());
        boolean untargeted = base || Double.isNaN(r.target(run));
        md.append("| ").append(base ? "baseline: raw Kafka EOS copy" : run).append(" | ")
                .append(fmt("%,.0f", eps.median())).append(" | ").append(fmt("%,.0f-%,.0f", eps.min(), eps.max()))
                .append(" | ").append(fmt("%.2f", ratio.median())).append(" | ")
                .append(base ? "" : fmt("%.2f-%.2f", ratio.min(), ratio.max())).append(" | ")
                // the engines' own copies have no target: they bound what an engine can reach
                .append(untargeted ? "" : fmt(">= %.1f", r.target(run))).append(" | ")
                .append(untargeted ? "" : ratio.median() >= r.target(run) ? "yes" : "**no**").append(" | ")
                .append(fmt("%.1f s", r.windowSeconds(run).min()))
                .append(r.windowSeconds(run).min() < MeasuringWindow.MIN_SECONDS ? " **(short)**" : "").append(" | ")
                .append(fmt("%.1f s", first.median())).append(" | ").append(fmt("%.1f s", all.median())).append(" |\n");
    }

    private static void memoryTable(StringBuilder md, BenchResults r) {
        md.append("\n## Memory (peak RSS during the drains, sampled every second; budget ")
                .append(MemoryPeak.mib(MemoryPeak.BUDGET_KB)).append(" for broker + engine)\n\n");
        md.append("| run | peak per process | engine + broker | budget met |\n|---|---|---:|---|\n");
        for (String run : r.runs()) {
            MemoryPeak m = r.memory(run);
            StringBuilder each = new StringBuilder();
            m.peakKbByProcess().forEach((k, v) -> each.append(each.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(MemoryPeak.mib(v)));
            md.append("| ").append(run.equals(BenchResults.BASELINE) ? "baseline (broker only; the copy loop runs in "
                    + "the harness)" : run).append(" | ").append(each).append(" | ")
                    .append(MemoryPeak.mib(m.peakTotalKb())).append(" | ")
                    .append(m.samples() == 0 ? "n/a" : m.withinBudget() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\nThe peak of the sum is taken at one sampling instant. The Flink cluster's JVMs serve every "
                + "round, so their RSS is what all drains so far left resident.\n");
    }

    private static void pendingTable(StringBuilder md, BenchResults r) {
        md.append("\n## Per-event cost with numbers pending (one class in one partition, exactly-once)\n\n");
        md.append("| engine | round | pending | fill events/s | empty, by commits | fill / empty | drain events/s "
                + "| empty, by output | drain / empty | within 20% | peak RSS with broker (empty case) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (BenchResults.Pending p : r.pending) {
            md.append("| ").append(p.name()).append(" | ").append(p.round()).append(" | ")
                    .append(fmt("%,d", p.pendingEvents())).append(" | ").append(PendingScenario.rate(p.fillRate()))
                    .append(" | ").append(PendingScenario.rate(p.emptyCommittedRate())).append(" | ")
                    .append(ratioCell(p.fillRatio())).append(" | ").append(fmt("%,.0f", p.drainRate())).append(" | ")
                    .append(fmt("%,.0f", p.emptyVisibleRate())).append(" | ").append(ratioCell(p.drainRatio()))
                    .append(" | ").append(PendingScenario.verdict(Math.min(nanAsOne(p.fillRatio()), p.drainRatio())))
                    .append(" | ").append(MemoryPeak.mib(p.filledMemory().peakTotalKb())).append(" (")
                    .append(MemoryPeak.mib(p.emptyMemory().peakTotalKb())).append(") |\n");
        }
        md.append("\nfill = the first N events of the filled topic (N of one side, each joins the queue, nothing is "
                + "written), measured by the engine's committed input offsets; drain = the next N (each pairs with "
                + "the queue's head), measured by visible pairs; each against the same 2N alternating, so nothing "
                + "waits, measured the same way. In input events per second; within 20% = both ratios at least "
                + fmt("%.1f", PendingScenario.MIN_RATIO) + " (n/a: the fill fell within one commit or checkpoint).\n");
    }

    private static String ratioCell(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : fmt("%.2f", ratio);
    }

    private static double nanAsOne(double ratio) {
        return Double.isNaN(ratio) ? 1 : ratio;
    }

    private static void latencyRow(StringBuilder md, BenchResults.Latency l, Percentiles b) {
        Percentiles p = l.percentiles();
        md.append("| ").append(l.name()).append(" | ").append(l.guarantee()).append(" | ")
                .append(fmt("%.0f", p.p50())).append(" | ").append(fmt("%.0f", p.p99())).append(" | ")
                .append(fmt("%.0f", p.p999())).append(" | ").append(fmt("%,d", p.count())).append(" | ")
                .append(fmt("%.1f", p.p50() / b.p50())).append(" | ").append(fmt("%.1f", p.p99() / b.p99())).append(" |\n");
    }

    private static void appendInline(StringBuilder md, Map<String, String> m) {
        StringBuilder s = new StringBuilder();
        m.forEach((k, v) -> s.append(s.length() == 0 ? "" : "; ").append(k).append(" ").append(v));
        md.append(s);
    }

    static String json(BenchResults r, String command) {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"command\": ").append(str(command)).append(",\n");
        j.append("  \"machine\": ").append(object(r.machine)).append(",\n");
        j.append("  \"settings\": ").append(object(r.settings)).append(",\n");
        if (r.expected != null) {
            j.append(fmt("  \"expected\": {\"inputs\": %d, \"pairs\": %d, \"deadLetters\": %d, \"unpaired\": %d},\n",
                    r.expected.inputs(), r.expected.pairs(), r.expected.deadLetters(), r.expected.unpaired()));
        }
        j.append("  \"ratioToBaselineIs\": \"the median of each round's ratio to the same round's baseline\",\n");
        j.append("  \"minimumWindowSeconds\": ").append(num(MeasuringWindow.MIN_SECONDS)).append(",\n");
        j.append("  \"memoryBudgetMiB\": ").append(MemoryPeak.BUDGET_KB / 1024).append(",\n");
        j.append("  \"warnings\": [").append(String.join(", ", r.windowWarnings().stream().map(Report::str).toList()))
                .append("],\n");
        j.append("  \"throughput\": [");
        j.append(String.join(",", r.runs().stream().map(run -> "\n" + throughput(r, run)).toList()));
        j.append("\n  ],\n  \"pending\": [");
        j.append(String.join(",", r.pending.stream().map(p -> "\n" + pending(p)).toList()));
        j.append("\n  ],\n  \"latency\": [");
        if (r.baselineLatency != null) {
            j.append("\n").append(latency(r.baselineLatency));
            for (BenchResults.Latency l : r.latencies) {
                j.append(",\n").append(latency(l));
            }
        }
        j.append("\n  ]\n}\n");
        return j.toString();
    }

    private static String throughput(BenchResults r, String run) {
        boolean base = run.equals(BenchResults.BASELINE);
        Spread eps = r.eventsPerSecond(run);
        Spread ratio = base ? new Spread(1, 1, 1, eps.count()) : r.ratio(run);
        Spread window = r.windowSeconds(run);
        List<BenchResults.Throughput> samples = r.drains.get(run);
        MemoryPeak memory = r.memory(run);
        StringBuilder s = new StringBuilder(fmt("    {\"run\": %s, \"eventsPerSecond\": %.1f, \"ratioToBaseline\": %s, "
                        + "\"target\": %s, \"rounds\": %d, \"eventsPerSecondMin\": %.1f, \"eventsPerSecondMax\": %.1f, "
                        + "\"ratioMin\": %s, \"ratioMax\": %s, \"windowSeconds\": %.2f, \"windowSecondsMin\": %.2f, "
                        + "\"firstVisibleSeconds\": %.2f, \"allVisibleSeconds\": %.2f, \"outputRecords\": %d, "
                        + "\"peakRssMiB\": %s, \"peakRssTotalMiB\": %d, \"memoryBudgetMet\": %s,\n      \"samples\": [",
                str(run), eps.median(), num(ratio.median()), num(r.target(run)), samples.size(), eps.min(), eps.max(),
                num(ratio.min()), num(ratio.max()), window.median(), window.min(),
                Spread.of(samples.stream().map(BenchResults.Throughput::firstVisibleSeconds).toList()).median(),
                Spread.of(samples.stream().map(BenchResults.Throughput::wallSeconds).toList()).median(),
                samples.get(samples.size() - 1).outputs(), mibObject(memory), Math.round(memory.peakTotalKb() / 1024.0),
                memory.samples() == 0 ? "null" : Boolean.toString(memory.withinBudget())));
        for (int i = 0; i < samples.size(); i++) {
            BenchResults.Throughput t = samples.get(i);
            s.append(i == 0 ? "\n" : ",\n").append(fmt("        {\"round\": %d, \"eventsPerSecond\": %.1f, "
                            + "\"ratioToBaseline\": %s, \"windowSeconds\": %.2f, \"firstVisibleSeconds\": %.2f, "
                            + "\"allVisibleSeconds\": %.2f, \"outputRecords\": %d, \"peakRssMiB\": %s, "
                            + "\"peakRssTotalMiB\": %d}", t.round(), t.eventsPerSecond(), num(r.ratioOf(t)),
                    t.windowSeconds(), t.firstVisibleSeconds(), t.wallSeconds(), t.outputs(), mibObject(t.memory()),
                    Math.round(t.memory().peakTotalKb() / 1024.0)));
        }
        return s.append("]}").toString();
    }

    private static String pending(BenchResults.Pending p) {
        return fmt("    {\"run\": %s, \"round\": %d, \"pendingEvents\": %d, \"fillEventsPerSecond\": %s, "
                        + "\"emptyCommittedEventsPerSecond\": %s, \"fillRatio\": %s, \"drainEventsPerSecond\": %s, "
                        + "\"emptyVisibleEventsPerSecond\": %s, \"drainRatio\": %s, \"peakRssMiB\": %s, "
                        + "\"peakRssTotalMiB\": %d, \"emptyPeakRssTotalMiB\": %d}", str(p.name()), p.round(),
                p.pendingEvents(), num(p.fillRate()), num(p.emptyCommittedRate()), num(p.fillRatio()), num(p.drainRate()),
                num(p.emptyVisibleRate()), num(p.drainRatio()), mibObject(p.filledMemory()),
                Math.round(p.filledMemory().peakTotalKb() / 1024.0), Math.round(p.emptyMemory().peakTotalKb() / 1024.0));
    }

    private static String mibObject(MemoryPeak m) {
        StringBuilder s = new StringBuilder("{");
        m.peakKbByProcess().forEach((k, v) -> s.append(s.length() == 1 ? "" : ", ").append(str(k)).append(": ")
                .append(Math.round(v / 1024.0)));
        return s.append("}").toString();
    }

    private static String latency(BenchResults.Latency l) {
        Percentiles p = l.percentiles();
        return fmt("    {\"run\": %s, \"guarantee\": %s, \"p50Ms\": %s, \"p99Ms\": %s, \"p999Ms\": %s, \"maxMs\": %s, "
                + "\"samples\": %d}", str(l.name()), str(l.guarantee()), num(p.p50()), num(p.p99()), num(p.p999()),
                num(p.max()), p.count());
    }

    private static String object(Map<String, String> m) {
        StringBuilder s = new StringBuilder("{");
        m.forEach((k, v) -> s.append(s.length() == 1 ? "" : ", ").append(str(k)).append(": ").append(str(v)));
        return s.append("}").toString();
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String num(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "null" : fmt("%.3f", d);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
