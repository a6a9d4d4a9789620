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

/** The PNG beside the table, drawn with java.awt (headless): throughput ratios, and latency percentiles. */
final class Chart {

    private static final int W = 1000;
    private static final int H = 420;
    private static final Color[] SERIES = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0xC44E52)};

    private Chart() {}

    static void write(BenchResults r, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        throughput(g, r, 40, 50, 360, 300);
        if (r.baselineLatency != null) {
            latency(g, r, 480, 50, 480, 300);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void throughput(Graphics2D g, BenchResults r, int x, int y, int w, int h) {
        List<String> labels = new ArrayList<>();
        List<Spread> values = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        if (!r.drains.isEmpty()) {
            title(g, "Throughput, ratio to raw Kafka EOS copy (exactly-once; median, range)", x, y - 20);
            for (String run : r.runs()) {
                boolean base = run.equals(BenchResults.BASELINE);
                labels.add(run);
                values.add(base ? new Spread(1, 1, 1, 1) : r.ratio(run));
                targets.add(base ? Double.NaN : r.target(run));
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
            g.drawString(labels.get(i), bx, y + h + 16);
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
