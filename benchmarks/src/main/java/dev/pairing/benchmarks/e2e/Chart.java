package dev.pairing.benchmarks.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The PNG beside the table, drawn with java.awt (headless): throughput ratios and latency
 * percentiles; for the drains also the CPU per input event by process and the records written per
 * input event by kind of topic.
 */
final class Chart {

    private static final int W = 1200;
    private static final int H = 420;
    private static final int COST_H = 400;
    private static final Color[] SERIES = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0xC44E52),
        new Color(0x55A868), new Color(0x8172B2), new Color(0x937860)};

    private Chart() {}

    static void write(BenchResults r, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        boolean costs = !r.drains.isEmpty();
        int height = costs ? H + COST_H : H;
        BufferedImage image = new BufferedImage(W, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, height);
        throughput(g, r, 40, 50, 500, 300);
        if (r.baselineLatency != null) {
            latency(g, r, 620, 50, 540, 300);
        }
        if (costs) {
            List<String> runs = r.runs();
            List<List<String>> processes = new ArrayList<>();
            List<List<Double>> cpu = new ArrayList<>();
            List<List<Double>> written = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            for (TopicWrites.Kind kind : TopicWrites.Kind.values()) {
                if (kind != TopicWrites.Kind.KAFKA_INTERNAL) {
                    kinds.add(kind.label());
                }
            }
            for (String run : runs) {
                List<String> names = Report.processes(r, run);
                processes.add(names);
                cpu.add(names.stream().map(p -> r.spread(run, t -> t.cpuMicrosPerEventByProcess()
                        .getOrDefault(p, Double.NaN)).median()).toList());
                List<Double> perKind = new ArrayList<>();
                for (TopicWrites.Kind kind : TopicWrites.Kind.values()) {
                    if (kind != TopicWrites.Kind.KAFKA_INTERNAL) {
                        perKind.add(r.spread(run, t -> t.recordsWrittenPerEvent(kind)).median());
                    }
                }
                written.add(perKind);
            }
            stacked(g, "CPU-µs per input event, by process (median)", runs, processes, cpu, "%.1f", 40, H + 40, 500, 300);
            List<List<String>> kindLabels = runs.stream().map(x -> kinds).toList();
            stacked(g, "Records written per input event, by topic (median)", runs, kindLabels, written, "%.2f", 620,
                    H + 40, 540, 300);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void throughput(Graphics2D g, BenchResults r, int x, int y, int w, int h) {
        List<String> labels = new ArrayList<>();
        List<Spread> values = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!r.drains.isEmpty()) {
            title(g, "Throughput, ratio to raw Kafka EOS copy (exactly-once; median, range)", x, y - 20);
            for (String run : r.runs()) {
                boolean base = run.equals(BenchResults.BASELINE);
                labels.add(run);
                values.add(base ? new Spread(1, 1, 1, 1) : r.ratio(run));
                targets.add(base ? Double.NaN : r.target(run));
                notes.add(EngineRuns.isPipeline(run) ? String.format(java.util.Locale.ROOT, "%.2f of copy",
                        r.ratioToCopy(run).median()) : "");
            }
        } else {
            title(g, "Per-event rate with numbers pending, ratio to none pending", x, y - 20);
            for (BenchResults.Pending p : r.pending) {
                labels.add(p.name() + " fill");
                values.add(Spread.of(List.of(p.fillRatio())));
                targets.add(PendingScenario.MIN_RATIO);
                labels.add(p.name() + " drain");
                values.add(Spread.of(List.of(p.drainRatio())));
                targets.add(PendingScenario.MIN_RATIO);
            }
        }
        double max = 1.2;
        for (Spread v : values) {
            max = Double.isNaN(v.max()) ? max : Math.max(max, v.max());
        }
        axes(g, x, y, w, h);
        int slot = w / Math.max(1, labels.size());
        for (int i = 0; i < labels.size(); i++) {
            Spread v = values.get(i);
            double median = Double.isNaN(v.median()) ? 0 : v.median();
            int bh = (int) (median / max * h);
            int bx = x + i * slot + slot / 4;
            g.setColor(SERIES[Math.min(i, SERIES.length - 1)]);
            g.fillRect(bx, y + h - bh, slot / 2, bh);
            g.setColor(Color.BLACK);
            if (v.count() > 1) {
                int cx = bx + slot / 4;
                g.drawLine(cx, y + h - (int) (v.min() / max * h), cx, y + h - (int) (v.max() / max * h));
            }
            g.drawString(Double.isNaN(v.median()) ? "n/a" : String.format("%.2f", v.median()), bx,
                    y + h - Math.max(bh, Double.isNaN(v.max()) ? 0 : (int) (v.max() / max * h)) - 4);
            g.drawString(labels.get(i), bx - 4, y + h + 16);
            if (i < notes.size() && !notes.get(i).isEmpty()) {
                g.drawString(notes.get(i), bx - 4, y + h + 30);
            }
            double target = targets.get(i);
            if (!Double.isNaN(target)) {
                int ty = y + h - (int) (target / max * h);
                g.setColor(Color.RED);
                g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
                g.drawLine(bx - 6, ty, bx + slot / 2 + 6, ty);
                g.setStroke(new BasicStroke(1));
                g.drawString("target " + target, bx + slot / 2 + 8, ty + 4);
            }
        }
    }

    private static void latency(Graphics2D g, BenchResults r, int x, int y, int w, int h) {
        title(g, "Latency at a fixed rate, ms (log scale): p50 / p99 / p99.9", x, y - 20);
        List<BenchResults.Latency> runs = new ArrayList<>();
        runs.add(r.baselineLatency);
        runs.addAll(r.latencies);
        double max = 1;
        for (BenchResults.Latency l : runs) {
            max = Math.max(max, l.percentiles().p999());
        }
        double logMax = Math.log10(max * 1.5);
        axes(g, x, y, w, h);
        g.setFont(g.getFont().deriveFont(10f));
        for (int d = 1; d <= max * 1.5; d *= 10) {
            int ty = y + h - (int) (Math.log10(d) / logMax * h);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(x, ty, x + w, ty);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Integer.toString(d), x - 30, ty + 4);
        }
        int slot = w / runs.size();
        for (int i = 0; i < runs.size(); i++) {
            Percentiles p = runs.get(i).percentiles();
            double[] v = {p.p50(), p.p99(), p.p999()};
            for (int s = 0; s < 3; s++) {
                int bh = (int) (Math.log10(Math.max(1, v[s])) / logMax * h);
                int bw = slot / 4;
                int bx = x + i * slot + slot / 8 + s * bw;
                g.setColor(SERIES[s]);
                g.fillRect(bx, y + h - bh, bw - 2, bh);
            }
            g.setColor(Color.BLACK);
            BenchResults.Latency l = runs.get(i);
            g.drawString(l.name(), x + i * slot + slot / 8, y + h + 14);
            g.drawString(l.guarantee().replace("_once", ""), x + i * slot + slot / 8, y + h + 26);
        }
        String[] names = {"p50", "p99", "p99.9"};
        for (int s = 0; s < 3; s++) {
            g.setColor(SERIES[s]);
            g.fillRect(x + w - 150 + s * 50, y - 12, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(names[s], x + w - 137 + s * 50, y - 3);
        }
    }

    /**
     * One stacked bar per run: its parts (processes, kinds of topic) in the legend's colours, the
     * total on top.
     */
    private static void stacked(Graphics2D g, String title, List<String> runs, List<List<String>> parts,
            List<List<Double>> values, String format, int x, int y, int w, int h) {
        title(g, title, x, y - 20);
        List<String> legend = new ArrayList<>();
        parts.forEach(names -> names.stream().filter(n -> !legend.contains(n)).forEach(legend::add));
        double max = 0;
        for (List<Double> v : values) {
            max = Math.max(max, v.stream().mapToDouble(d -> Double.isNaN(d) ? 0 : d).sum());
        }
        max = max == 0 ? 1 : max * 1.15;
        axes(g, x, y, w, h);
        g.setFont(g.getFont().deriveFont(10f));
        int slot = w / Math.max(1, runs.size());
        for (int i = 0; i < runs.size(); i++) {
            int bx = x + i * slot + slot / 4;
            int top = y + h;
            double total = 0;
            for (int p = 0; p < parts.get(i).size(); p++) {
                double v = values.get(i).get(p);
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                int bh = (int) Math.round(v / max * h);
                g.setColor(SERIES[legend.indexOf(parts.get(i).get(p)) % SERIES.length]);
                g.fillRect(bx, top - bh, slot / 2, bh);
                top -= bh;
                total += v;
            }
            g.setColor(Color.BLACK);
            g.drawString(String.format(java.util.Locale.ROOT, format, total), bx, top - 4);
            g.drawString(runs.get(i), bx - 4, y + h + 14);
        }
        // the legend in a row under the run names, clear of the bars
        int lx = x;
        for (int l = 0; l < legend.size(); l++) {
            g.setColor(SERIES[l % SERIES.length]);
            g.fillRect(lx, y + h + 26, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(legend.get(l), lx + 14, y + h + 35);
            lx += 14 + g.getFontMetrics().stringWidth(legend.get(l)) + 16;
        }
    }

    private static void axes(Graphics2D g, int x, int y, int w, int h) {
        g.setColor(Color.BLACK);
        g.drawLine(x, y + h, x + w, y + h);
        g.drawLine(x, y, x, y + h);
    }

    private static void title(Graphics2D g, String text, int x, int y) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(text, x, y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
}
