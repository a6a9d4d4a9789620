package dev.pairing.local.console;

import dev.pairing.runtime.metrics.PipelineMetric;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records, pairs and dead letters per second from successive rounds of scrapes, and pending per
 * class from the latest. A counter starts at 0 with its owner (a Streams runner's thread, a Flink
 * subtask) and a restart resets it, as Prometheus' {@code rate()} assumes: a series that went down
 * counts its new value as the increase, and a series that appears on an endpoint already read counts
 * all of its value (it began after the console did). The first answer of an endpoint is a baseline.
 * Not thread-safe.
 */
final class Throughput {

    /** The counters plotted, in the order of a point's rates. */
    static final List<PipelineMetric> PLOTTED = List.of(PipelineMetric.RECORDS, PipelineMetric.PAIRS,
            PipelineMetric.DEAD_LETTERS);

    /**
     * Per-second rates over the time since the round before, in the order of {@link #PLOTTED}; null
     * when no endpoint answered (a gap, not a zero).
     */
    record Point(long atMillis, double[] perSecond) {}

    /** Pending per class as the latest round that had an answer showed it. */
    record Pending(long atMillis, Map<String, Double> byClass, Map<String, Double> oldestAgeSeconds) {}

    private final int capacity;
    private final Map<String, Double> last = new HashMap<>();
    private final Set<String> endpointsRead = new HashSet<>();
    private final Deque<Point> points = new ArrayDeque<>();
    private final Map<PipelineMetric, Double> totals = new EnumMap<>(PipelineMetric.class);
    private long lastRound = -1;
    private Pending pending = new Pending(-1, Map.of(), Map.of());

    /** @param capacity how many points it keeps: the plot's width in rounds */
    Throughput(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Takes one round of scrapes.
     *
     * @param answers each endpoint that answered, with its scrape; those that did not are absent
     */
    void add(long atMillis, Map<String, Scrape> answers) {
        Map<PipelineMetric, Double> increase = new EnumMap<>(PipelineMetric.class);
        for (Map.Entry<String, Scrape> answer : answers.entrySet()) {
            boolean baseline = !endpointsRead.contains(answer.getKey());
            for (Scrape.Series series : answer.getValue().series()) {
                if (!PLOTTED.contains(series.metric())) {
                    continue;
                }
                Double before = last.put(answer.getKey() + " " + series.identity(), series.value());
                double delta = before == null ? (baseline ? 0 : series.value())
                        : series.value() >= before ? series.value() - before : series.value();
                increase.merge(series.metric(), delta, Double::sum);
            }
            endpointsRead.add(answer.getKey());
        }
        if (lastRound >= 0 && atMillis > lastRound) {
            double seconds = (atMillis - lastRound) / 1000.0;
            double[] rates = null;
            if (!answers.isEmpty()) {
                rates = new double[PLOTTED.size()];
                for (int i = 0; i < rates.length; i++) {
                    rates[i] = increase.getOrDefault(PLOTTED.get(i), 0.0) / seconds;
                }
            }
            points.addLast(new Point(atMillis, rates));
            while (points.size() > capacity) {
                points.removeFirst();
            }
        }
        increase.forEach((metric, delta) -> totals.merge(metric, delta, Double::sum));
        lastRound = atMillis;
        if (!answers.isEmpty()) {
            Map<String, Double> byClass = new TreeMap<>();
            Map<String, Double> ages = new TreeMap<>();
            for (Scrape scrape : answers.values()) {
                scrape.byLabel(PipelineMetric.PENDING, Double::sum).forEach((c, v) -> byClass.merge(c, v, Double::sum));
                scrape.byLabel(PipelineMetric.PENDING_OLDEST_AGE, Math::max).forEach((c, v) -> ages.merge(c, v, Math::max));
            }
            pending = new Pending(atMillis, byClass, ages);
        }
    }

    /** The points kept, oldest first. */
    List<Point> points() {
        return List.copyOf(points);
    }

    /** What each plotted counter rose by since the console began, restarts counted as above. */
    Map<PipelineMetric, Double> totals() {
        return Map.copyOf(totals);
    }

    Pending pending() {
        return pending;
    }
}
