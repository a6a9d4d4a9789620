package dev.pairing.benchmarks.e2e;

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
        md.append("\n\nInput: ").append(fmt("%,d", r.expected.inputs())).append(" raw events (1% corrupted), expected ")
                .append(fmt("%,d", r.expected.pairs())).append(" pairs, ").append(fmt("%,d", r.expected.deadLetters()))
                .append(" dead letters, ").append(fmt("%,d", r.expected.unpaired())).append(" unpaired.\n\n");
        md.append("## Throughput (drain of the preloaded topic, exactly-once)\n\n");
        md.append("| run | events/s | ratio to baseline | target | met | first output visible after | all visible after |\n");
        md.append("|---|---:|---:|---:|---|---:|---:|\n");
        row(md, r, r.baseline);
        for (BenchResults.Throughput t : r.engines) {
            row(md, r, t);
        }
        md.append("\nevents/s = input events per second from the first output record a read_committed reader sees to the "
                + "last expected one (the engine's start-up and its first commit are outside this window; the last two "
                + "columns are from the process start or job submission).\n");
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

    private static void row(StringBuilder md, BenchResults r, BenchResults.Throughput t) {
        boolean base = t == r.baseline;
        double ratio = r.ratio(t);
        md.append("| ").append(base ? "baseline: raw Kafka EOS copy" : t.name()).append(" | ")
                .append(fmt("%,.0f", t.eventsPerSecond())).append(" | ").append(fmt("%.2f", ratio)).append(" | ")
                .append(base ? "" : fmt(">= %.1f", t.target())).append(" | ")
                .append(base ? "" : ratio >= t.target() ? "yes" : "**no**").append(" | ")
                .append(fmt("%.1f s", t.firstVisibleSeconds())).append(" | ").append(fmt("%.1f s", t.wallSeconds()))
                .append(" |\n");
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
        j.append(fmt("  \"expected\": {\"inputs\": %d, \"pairs\": %d, \"deadLetters\": %d, \"unpaired\": %d},\n",
                r.expected.inputs(), r.expected.pairs(), r.expected.deadLetters(), r.expected.unpaired()));
        j.append("  \"throughput\": [\n");
        j.append(throughput(r, r.baseline));
        for (BenchResults.Throughput t : r.engines) {
            j.append(",\n").append(throughput(r, t));
        }
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

    private static String throughput(BenchResults r, BenchResults.Throughput t) {
        return fmt("    {\"run\": %s, \"eventsPerSecond\": %.1f, \"ratioToBaseline\": %s, \"target\": %s, "
                        + "\"firstVisibleSeconds\": %.2f, \"allVisibleSeconds\": %.2f, \"outputRecords\": %d}",
                str(t.name()), t.eventsPerSecond(), num(r.ratio(t)), num(t.target()), t.firstVisibleSeconds(),
                t.wallSeconds(), t.outputs());
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
