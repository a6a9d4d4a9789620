package dev.pairing.local.console;

import dev.pairing.runtime.metrics.PipelineMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * One scrape of a Prometheus endpoint, reduced to the pipeline's series: those a
 * {@link PipelineMetric} names, from the Streams runner's endpoint or Flink's reporter alike.
 * Reads Prometheus' text format (what both serve when the scraper does not ask for OpenMetrics).
 *
 * @param series the pipeline's series, in the order served
 */
record Scrape(List<Series> series) {

    /**
     * A series: its metric, its labels (the metric's own label and whatever the engine adds, such as
     * {@code thread_id} or {@code subtask_index}), and its value.
     */
    record Series(PipelineMetric metric, Map<String, String> labels, double value) {

        /** The value of the metric's own label ({@code reason}, {@code class}), or "" when it has none. */
        String label() {
            return metric.label() == null ? "" : labels.getOrDefault(metric.label(), "");
        }

        /** What tells this series apart from the others of a scrape: its metric and all its labels. */
        String identity() {
            return metric.prometheusName() + labels;
        }
    }

    Scrape {
        series = List.copyOf(series);
    }

    /**
     * Parses an endpoint's answer.
     *
     * @throws IllegalArgumentException on a line that is not the text format
     */
    static Scrape parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = 0;
            while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
                nameEnd++;
            }
            PipelineMetric metric = PipelineMetric.scraped(line.substring(0, nameEnd));
            if (metric == null) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            int at = nameEnd;
            if (at < line.length() && line.charAt(at) == '{') {
                at = labels(line, at + 1, labels);
            }
            String[] rest = line.substring(at).trim().split(" ");
            series.add(new Series(metric, labels, value(rest[0], line)));
        }
        return new Scrape(series);
    }

    /** Reads {@code key="value",...}} from {@code at}; returns where the closing brace ends. */
    private static int labels(String line, int at, Map<String, String> labels) {
        while (true) {
            while (at < line.length() && (line.charAt(at) == ',' || line.charAt(at) == ' ')) {
                at++;
            }
            if (at < line.length() && line.charAt(at) == '}') {
                return at + 1;
            }
            int equals = line.indexOf('=', at);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("not Prometheus' text format: " + line);
            }
            String key = line.substring(at, equals).trim();
            StringBuilder value = new StringBuilder();
            int i = equals + 2;
            for (; i < line.length() && line.charAt(i) != '"'; i++) {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException("not Prometheus' text format: " + line);
            }
            labels.put(key, value.toString());
            at = i + 1;
        }
    }

    private static double value(String text, String line) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not Prometheus' text format: " + line, e);
                }
            }
        };
    }

    /**
     * A metric's series combined by its own label's value ("" for a metric without one): summed for
     * counts, the largest for ages.
     */
    Map<String, Double> byLabel(PipelineMetric metric, BinaryOperator<Double> combine) {
        Map<String, Double> combined = new TreeMap<>();
        for (Series s : series) {
            if (s.metric() == metric && !Double.isNaN(s.value())) {
                combined.merge(s.label(), s.value(), combine);
            }
        }
        return combined;
    }
}
