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
            costTable(md, r);
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
        // a drain whose whole output became visible in one commit has no rate, nor has anything computed from it
        return md.toString().replace("NaN", "n/a");
    }

    private static void throughputTable(StringBuilder md, BenchResults r) {
        int rounds = r.drains.values().stream().mapToInt(List::size).filter(n -> n > 0).min().orElse(0);
        md.append("\n## Throughput (drain of the preloaded topic, exactly-once; median of ").append(rounds)
                .append(rounds == 1 ? " round" : " rounds").append(")\n\n");
        md.append("| run | events/s | range | ratio to baseline | ratio range | commits every | ratio to the baseline "
                + "at that cadence | ratio to own copy | target (baseline; own copy) | met | shortest window "
                + "| first output visible after | all visible after |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|\n");
        for (String run : r.runs()) {
            row(md, r, run);
        }
        md.append("\nevents/s = input events per second from the first output a read_committed reader can see to the "
                + "last, read from the outputs' last stable offsets, no record consumed (the run's start-up and its "
                + "first commit are outside this window; the last two columns, medians, are from the process start or "
                + "job submission). Every run drains once a round, each drain between two baseline drains; ratio to "
                + "baseline = the median over the rounds of each drain's rate over the mean of its two baselines; "
                + "ratio at that cadence = the same against " + BenchResults.BASELINE_AT_CHECKPOINTS + " for runs that "
                + "make output visible every " + Tuning.spell(Tuning.FLINK_CHECKPOINTS) + "; ratio to own copy = the "
                + "pipeline's ratio over its copy's in the same round. Ranges are the lowest and highest round. A "
                + "window under " + fmt("%.0f", MeasuringWindow.MIN_SECONDS) + " s is warned about above.\n");
    }

    static void row(StringBuilder md, BenchResults r, String run) {
        boolean base = run.equals(BenchResults.BASELINE);
        boolean pipeline = EngineRuns.isPipeline(run);
        Spread eps = r.eventsPerSecond(run);
        Spread ratio = r.ratio(run);
        Spread copy = r.ratioToCopy(run);
        Spread first = r.spread(run, BenchResults.Throughput::firstVisibleSeconds);
        Spread all = r.spread(run, BenchResults.Throughput::wallSeconds);
        md.append("| ").append(base ? "baseline: raw Kafka EOS copy" : run).append(" | ")
                .append(fmt("%,.0f", eps.median())).append(" | ").append(fmt("%,.0f-%,.0f", eps.min(), eps.max()))
                .append(" | ").append(fmt("%.2f", ratio.median())).append(" | ")
                .append(base ? "" : fmt("%.2f-%.2f", ratio.min(), ratio.max())).append(" | ")
                .append(Tuning.spell(EngineRuns.cadenceOf(run))).append(" | ")
                .append(base || run.equals(BenchResults.BASELINE_AT_CHECKPOINTS) ? ""
                        : fmt("%.2f", r.ratioAtCadence(run).median())).append(" | ")
                .append(pipeline ? fmt("%.2f (%.2f-%.2f)", copy.median(), copy.min(), copy.max()) : "").append(" | ")
                // the copies and baselines have no target: they bound what an engine can reach
                .append(pipeline ? fmt(">= %.1f; >= %.1f", r.target(run), r.copyTarget(run)) : "").append(" | ")
                .append(pipeline ? verdict(ratio.median() >= r.target(run)) + "; "
                        + verdict(copy.median() >= r.copyTarget(run)) : "").append(" | ")
                .append(fmt("%.1f s", r.windowSeconds(run).min()))
                .append(r.windowSeconds(run).min() < MeasuringWindow.MIN_SECONDS ? " **(short)**" : "").append(" | ")
                .append(fmt("%.1f s", first.median())).append(" | ").append(fmt("%.1f s", all.median())).append(" |\n");
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static void costTable(StringBuilder md, BenchResults r) {
        md.append("\n## Cost per input event (median of the rounds)\n\n");
        md.append("| run | CPU-µs per event | by process | rest of the machine | records written per event | outputs "
                + "| changelogs | repartitions | bytes written per event | Kafka internal records per event |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String run : r.runs()) {
            double changelogs = r.spread(run, t -> t.recordsWrittenPerEvent(TopicWrites.Kind.CHANGELOGS)).median();
            double target = r.changelogTarget(run);
            md.append("| ").append(run).append(" | ")
                    .append(fmt("%.2f", r.spread(run, BenchResults.Throughput::cpuMicrosPerEvent).median())).append(" | ")
                    .append(byProcess(r, run)).append(" | ")
                    .append(fmt("%.1f cores", r.spread(run, BenchResults.Throughput::otherCores).median())).append(" | ")
                    .append(fmt("%.3f", r.spread(run, BenchResults.Throughput::recordsWrittenPerEvent).median()))
                    .append(" | ").append(perKind(r, run, TopicWrites.Kind.OUTPUTS)).append(" | ")
                    .append(fmt("%.3f", changelogs))
                    .append(Double.isNaN(target) ? "" : fmt(" (target <= %.2f: %s)", target, verdict(changelogs <= target)))
                    .append(" | ").append(perKind(r, run, TopicWrites.Kind.REPARTITIONS)).append(" | ")
                    .append(fmt("%.1f", r.spread(run, BenchResults.Throughput::bytesWrittenPerEvent).median()))
                    .append(" | ").append(perKind(r, run, TopicWrites.Kind.KAFKA_INTERNAL)).append(" |\n");
        }
        md.append("\nCPU = user + system time from /proc of each process (the engine's JVMs, the broker, the harness, "
                + "which runs the baseline's copy loop) within the measuring window, over the input events that "
                + "became visible in it; the rest of the machine = the busy cores no process of the run used (other "
                + "work on a shared machine). Records and bytes written = what the run added to its own topics' end "
                + "offsets and logs from its start to its stop, over the input events; offsets include the "
                + "transaction markers (one per partition and commit); Kafka's internal topics (offsets, "
                + "transactions) apart.\n");
    }

    private static String perKind(BenchResults r, String run, TopicWrites.Kind kind) {
        return fmt("%.3f", r.spread(run, t -> t.recordsWrittenPerEvent(kind)).median());
    }

    /** Each process's median CPU-µs per event, e.g. {@code streams runner 7.10, broker 3.02, harness 0.11}. */
    private static String byProcess(BenchResults r, String run) {
        StringBuilder s = new StringBuilder();
        for (String process : processes(r, run)) {
            double median = r.spread(run, t -> t.cpuMicrosPerEventByProcess().getOrDefault(process, Double.NaN))
                    .median();
            s.append(s.length() == 0 ? "" : ", ").append(process).append(' ').append(fmt("%.2f", median));
        }
        return s.toString();
    }

    /** The processes measured in any round of the run, in the order they were named. */
    static List<String> processes(BenchResults r, String run) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        r.drains.getOrDefault(run, List.of()).forEach(t -> names.addAll(t.cpu().secondsByProcess().keySet()));
        return List.copyOf(names);
    }

    /** One drain's cost, for the console. */
    static String costLine(BenchResults.Throughput t) {
        StringBuilder each = new StringBuilder();
        t.cpuMicrosPerEventByProcess().forEach((k, v) -> each.append(each.length() == 0 ? "" : ", ").append(k)
                .append(' ').append(fmt("%.2f", v)));
        return fmt("CPU %.2f µs/event (%s; rest of the machine %.1f cores); written %.3f records/event (changelogs "
                        + "%.3f, repartitions %.3f), %.1f bytes/event; Kafka internal %.4f records/event",
                t.cpuMicrosPerEvent(), each, t.otherCores(), t.recordsWrittenPerEvent(),
                t.recordsWrittenPerEvent(TopicWrites.Kind.CHANGELOGS),
                t.recordsWrittenPerEvent(TopicWrites.Kind.REPARTITIONS), t.bytesWrittenPerEvent(),
                t.recordsWrittenPerEvent(TopicWrites.Kind.KAFKA_INTERNAL));
    }

    /** A run's median cost over its rounds, for the console. */
    static String costLine(BenchResults r, String run) {
        double changelogs = r.spread(run, t -> t.recordsWrittenPerEvent(TopicWrites.Kind.CHANGELOGS)).median();
        double target = r.changelogTarget(run);
        return fmt("CPU %.2f µs/event (%s); written %.3f records/event (changelogs %.3f%s), %.1f bytes/event",
                r.spread(run, BenchResults.Throughput::cpuMicrosPerEvent).median(), byProcess(r, run),
                r.spread(run, BenchResults.Throughput::recordsWrittenPerEvent).median(), changelogs,
                Double.isNaN(target) ? "" : fmt(", target <= %.2f: %s", target, changelogs <= target ? "met" : "not met"),
                r.spread(run, BenchResults.Throughput::bytesWrittenPerEvent).median());
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
        j.append("  \"ratioToBaselineIs\": \"the median over the rounds of each drain's rate over the mean of the "
                + "baseline drains right before and after it\",\n");
        j.append("  \"ratioToCopyIs\": \"the median over the rounds of a pipeline's ratio to the baseline over its "
                + "own copy's in the same round\",\n");
        j.append("  \"cpuMicrosPerEventIs\": \"user + system CPU of the run's processes, the broker and the harness "
                + "from /proc within the measuring window, over the input events made visible in it\",\n");
        j.append("  \"recordsWrittenPerEventIs\": \"end offsets added to the run's outputs, changelogs and "
                + "repartition topics (transaction markers included), over the input events\",\n");
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
        boolean pipeline = EngineRuns.isPipeline(run);
        Spread eps = r.eventsPerSecond(run);
        Spread ratio = r.ratio(run);
        Spread copy = r.ratioToCopy(run);
        Spread window = r.windowSeconds(run);
        List<BenchResults.Throughput> samples = r.drains.get(run);
        MemoryPeak memory = r.memory(run);
        StringBuilder s = new StringBuilder(fmt("    {\"run\": %s, \"eventsPerSecond\": %s, \"ratioToBaseline\": %s, "
                        + "\"target\": %s, \"ratioToCopy\": %s, \"ratioToCopyMin\": %s, \"ratioToCopyMax\": %s, "
                        + "\"ratioToCopyTarget\": %s, \"cadence\": %s, \"ratioToSameCadenceBaseline\": %s, "
                        + "\"rounds\": %d, \"eventsPerSecondMin\": %s, \"eventsPerSecondMax\": %s, "
                        + "\"ratioMin\": %s, \"ratioMax\": %s, \"windowSeconds\": %.2f, \"windowSecondsMin\": %.2f, "
                        + "\"firstVisibleSeconds\": %.2f, \"allVisibleSeconds\": %.2f,\n      ",
                str(run), num(eps.median()), num(ratio.median()), num(r.target(run)), num(pipeline ? copy.median() : Double.NaN),
                num(pipeline ? copy.min() : Double.NaN), num(pipeline ? copy.max() : Double.NaN),
                num(r.copyTarget(run)), str(Tuning.spell(EngineRuns.cadenceOf(run))),
                num(r.ratioAtCadence(run).median()), samples.size(), num(eps.min()), num(eps.max()), num(ratio.min()),
                num(ratio.max()), window.median(), window.min(),
                r.spread(run, BenchResults.Throughput::firstVisibleSeconds).median(),
                r.spread(run, BenchResults.Throughput::wallSeconds).median()));
        Map<String, Double> cpuByProcess = new java.util.LinkedHashMap<>();
        for (String process : processes(r, run)) {
            cpuByProcess.put(process, r.spread(run, t -> t.cpuMicrosPerEventByProcess().getOrDefault(process,
                    Double.NaN)).median());
        }
        Map<String, Double> byKind = new java.util.LinkedHashMap<>();
        for (TopicWrites.Kind kind : TopicWrites.Kind.values()) {
            byKind.put(kind.label(), r.spread(run, t -> t.recordsWrittenPerEvent(kind)).median());
        }
        s.append(fmt("\"cpuMicrosPerEvent\": %s, \"cpuMicrosPerEventByProcess\": %s, \"otherCoresBusy\": %s, "
                        + "\"recordsWrittenPerEvent\": %s, \"recordsWrittenPerEventByKind\": %s, "
                        + "\"changelogRecordsPerEvent\": %s, \"changelogRecordsPerEventTarget\": %s, "
                        + "\"bytesWrittenPerEvent\": %s,\n      ",
                num(r.spread(run, BenchResults.Throughput::cpuMicrosPerEvent).median()), numbers(cpuByProcess),
                num(r.spread(run, BenchResults.Throughput::otherCores).median()),
                num(r.spread(run, BenchResults.Throughput::recordsWrittenPerEvent).median()), numbers(byKind),
                num(byKind.get(TopicWrites.Kind.CHANGELOGS.label())), num(r.changelogTarget(run)),
                num(r.spread(run, BenchResults.Throughput::bytesWrittenPerEvent).median())));
        s.append(fmt("\"outputOffsets\": %d, \"peakRssMiB\": %s, \"peakRssTotalMiB\": %d, \"memoryBudgetMet\": %s,"
                        + "\n      \"samples\": [", samples.get(samples.size() - 1).outputOffsets(), mibObject(memory),
                Math.round(memory.peakTotalKb() / 1024.0),
                memory.samples() == 0 ? "null" : Boolean.toString(memory.withinBudget())));
        for (int i = 0; i < samples.size(); i++) {
            BenchResults.Throughput t = samples.get(i);
            Map<String, Double> kinds = new java.util.LinkedHashMap<>();
            t.writes().recordsPerEventByKind(t.inputs()).forEach((k, v) -> kinds.put(k.label(), v));
            s.append(i == 0 ? "\n" : ",\n").append(fmt("        {\"round\": %d, \"eventsPerSecond\": %s, "
                            + "\"ratioToBaseline\": %s, \"baselineAround\": %s, \"windowSeconds\": %.2f, "
                            + "\"firstVisibleSeconds\": %.2f, \"allVisibleSeconds\": %.2f, \"outputOffsets\": %d, "
                            + "\"cpuSeconds\": %s, \"otherCpuSeconds\": %s, \"cpuMicrosPerEvent\": %s, "
                            + "\"recordsWrittenPerEvent\": %s, \"recordsWrittenPerEventByKind\": %s, "
                            + "\"bytesWrittenPerEvent\": %s, \"peakRssMiB\": %s, \"peakRssTotalMiB\": %d}",
                    t.round(), num(t.eventsPerSecond()), num(r.ratioOf(t)), num(r.baselineAround(t)), t.windowSeconds(),
                    t.firstVisibleSeconds(), t.wallSeconds(), t.outputOffsets(), numbers(t.cpu().secondsByProcess()),
                    num(t.cpu().otherSeconds()), num(t.cpuMicrosPerEvent()), num(t.recordsWrittenPerEvent()),
                    numbers(kinds), num(t.bytesWrittenPerEvent()), mibObject(t.memory()),
                    Math.round(t.memory().peakTotalKb() / 1024.0)));
        }
        return s.append("]}").toString();
    }

    private static String numbers(Map<String, Double> m) {
        StringBuilder s = new StringBuilder("{");
        m.forEach((k, v) -> s.append(s.length() == 1 ? "" : ", ").append(str(k)).append(": ").append(num(v)));
        return s.append("}").toString();
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
