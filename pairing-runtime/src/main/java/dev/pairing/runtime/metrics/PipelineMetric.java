package dev.pairing.runtime.metrics;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The pipeline's own metrics, named once for both engines: the name Prometheus shows, the one label
 * a metric may have, the help text and what is counted. Each engine registers them through its own
 * metric system ({@link MetricBinding}); the names there are derived from these
 * ({@link #kafkaName()}, {@link #flinkName()}), so a scrape of either engine gives the same names
 * and labels.
 *
 * <p>Counters count attempts: every outcome the runner handed to its engine, including those of a
 * transaction the engine later aborted. They start at 0 with their owner (the Streams runner's
 * stream thread, the Flink subtask) and are not restored from state; after a clean run with no
 * aborted transaction and no restart they equal what {@code verify} counts on the topics.
 */
public enum PipelineMetric {

    RECORDS("pairing_records_total", Type.COUNTER, Step.TRIAGE, null,
            "raw records read from the raw topic and triaged"),
    PAIRS("pairing_pairs_total", Type.COUNTER, Step.MATCHING, null,
            "pairs handed to the enriched topic's sink"),
    DEAD_LETTERS("pairing_dead_letters_total", Type.COUNTER, Step.DEAD_LETTERS, "reason",
            "dead letters handed to the dead-letter topic's sink, by reject reason"),
    DEAD_LETTERS_TRUNCATED("pairing_dead_letters_truncated_total", Type.COUNTER, Step.DEAD_LETTERS, null,
            "dead letters cut to fit the dead-letter topic (also counted in pairing_dead_letters_total)"),
    UNPAIRED("pairing_unpaired_total", Type.COUNTER, Step.MATCHING, "reason",
            "numbers handed to the unpaired topic's sink, by reason (EVICTED, EXPIRED)"),
    PENDING("pairing_pending", Type.GAUGE, Step.MATCHING, "class",
            "numbers waiting for a partner now, by complement class"),
    PENDING_OLDEST_AGE("pairing_pending_oldest_age_seconds", Type.GAUGE, Step.MATCHING, "class",
            "how long the oldest waiting number of a class has waited: this process's clock minus its record"
                    + " timestamp, in seconds; 0 when nothing waits"),
    REGISTRY_REQUESTS("pairing_registry_requests_total", Type.COUNTER, Step.TRIAGE, "outcome",
            "HTTP requests to the schema registry for raw records' schemas (cache misses), by how they were"
                    + " answered: OK, NOT_FOUND, REFUSED (another 4xx), FAILED (5xx, 429 or no answer)"),
    LOST_TRANSACTIONS("pairing_lost_transactions_total", Type.COUNTER, Step.COMMITS, null,
            "Flink only: transactions of a completed checkpoint the broker no longer let the sink commit;"
                    + " each one fails the job for good");

    /** Counters only grow (but for a restart of their owner); gauges say how things are now. */
    public enum Type { COUNTER, GAUGE }

    /**
     * Which step of a runner reports a metric: a runner's stage binds the steps it performs, and
     * their series exist (at 0) from the start, so rates and dashboards have data before the first
     * event.
     */
    public enum Step {
        /** Reading and triaging raw records (Kafka Streams' classify, Flink's classify). */
        TRIAGE,
        /** Writing dead letters (Kafka Streams' classify, Flink's dead-letter sink). */
        DEAD_LETTERS,
        /** Matching (both engines' pairing step). */
        MATCHING,
        /** Committing output transactions (Flink's sinks). */
        COMMITS;

        /** The metrics this step reports. */
        public Set<PipelineMetric> metrics() {
            Set<PipelineMetric> metrics = EnumSet.noneOf(PipelineMetric.class);
            for (PipelineMetric metric : PipelineMetric.values()) {
                if (metric.step == this) {
                    metrics.add(metric);
                }
            }
            return metrics;
        }
    }

    /** The group the pipeline's metrics take in each engine's registry and in Prometheus' names. */
    public static final String GROUP = "pairing";

    /**
     * How Flink's Prometheus reporter begins the name of an operator's metric: its scope. The group
     * a sink gives its serializer adds {@code user_} after it.
     */
    private static final String FLINK_OPERATOR_SCOPE = "flink_taskmanager_job_task_operator_";

    private final String prometheusName;
    private final Type type;
    private final Step step;
    private final String label;
    private final String help;

    PipelineMetric(String prometheusName, Type type, Step step, String label, String help) {
        this.prometheusName = prometheusName;
        this.type = type;
        this.step = step;
        this.label = label;
        this.help = help;
    }

    /** The name in Prometheus, e.g. {@code pairing_dead_letters_total}. */
    public String prometheusName() {
        return prometheusName;
    }

    /** The name without the group prefix, words joined by underscores: {@code dead_letters_total}. */
    public String flinkName() {
        return prometheusName.substring(GROUP.length() + 1);
    }

    /** The name as Kafka's metrics spell names, words joined by hyphens: {@code dead-letters-total}. */
    public String kafkaName() {
        return flinkName().replace('_', '-');
    }

    /** The metric's one label ({@code reason}, {@code class}, {@code outcome}), or null when it has none. */
    public String label() {
        return label;
    }

    public Type type() {
        return type;
    }

    public Step step() {
        return step;
    }

    public String help() {
        return help;
    }

    /**
     * The metric a name in Prometheus or in an engine's registry denotes.
     *
     * @param name a Prometheus name ({@code pairing_pairs_total}), a Kafka name ({@code pairs-total}) or a
     *             Flink name ({@code pairs_total})
     * @return the metric, or null when no metric has that name
     */
    public static PipelineMetric named(String name) {
        for (PipelineMetric metric : values()) {
            if (metric.prometheusName.equals(name) || metric.kafkaName().equals(name) || metric.flinkName().equals(name)) {
                return metric;
            }
        }
        return null;
    }

    /**
     * The metric a series of a scrape denotes, whichever engine served it: the Streams runner's
     * {@code pairing_dead_letters_total}, or Flink's reporter's scoped name with the label's key in
     * it, {@code flink_taskmanager_job_task_operator_pairing_reason_dead_letters_total} (with
     * {@code _user_} before {@code pairing} for the dead-letter sink's serializer). The project's
     * Prometheus configuration renames the latter to the former with one rule.
     *
     * @param name a series' name as a Prometheus endpoint serves it
     * @return the metric, or null when the series is none of the pipeline's
     */
    public static PipelineMetric scraped(String name) {
        if (!name.startsWith(FLINK_OPERATOR_SCOPE)) {
            return name.startsWith(GROUP + "_") ? named(name) : null;
        }
        String scoped = name.substring(FLINK_OPERATOR_SCOPE.length());
        if (scoped.startsWith("user_")) {
            scoped = scoped.substring("user_".length());
        }
        for (PipelineMetric metric : values()) {
            String keyed = metric.label == null ? "" : metric.label + "_";
            if (scoped.equals(GROUP + "_" + keyed + metric.flinkName())) {
                return metric;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return prometheusName + (label == null ? "" : "{" + label + "}") + " (" + type.name().toLowerCase(Locale.ROOT) + ")";
    }
}
