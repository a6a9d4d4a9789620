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
        title(g, "Throughput, ratio to raw Kafka EOS copy (exactly-once)", x, y - 20);
        List<String> labels = new ArrayList<>(List.of("baseline"));
        List<Double> values = new ArrayList<>(List.of(1.0));
        for (BenchResults.Throughput t : r.engines) {
            labels.add(t.name());
            values.add(r.ratio(t));
        }
        double max = Math.max(1.2, values.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        axes(g, x, y, w, h);
        int slot = w / labels.size();
        for (int i = 0; i < labels.size(); i++) {
            int bh = (int) (values.get(i) / max * h);
            int bx = x + i * slot + slot / 4;
            g.setColor(SERIES[Math.min(i, SERIES.length - 1)]);
            g.fillRect(bx, y + h - bh, slot / 2, bh);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.2f", values.get(i)), bx, y + h - bh - 4);
            g.drawString(labels.get(i), bx, y + h + 16);
            if (i > 0) {
                double target = r.engines.get(i - 1).target();
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
