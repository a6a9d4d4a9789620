package dev.pairing.launcher.flink;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a caller may add to the local cluster beyond its fixed layout: JVM options for the
 * TaskManager (a profiler, GC logging) and configuration entries that override the generated
 * defaults (a state backend, memory). The defaults add nothing.
 *
 * @param taskManagerJvmOptions appended to the TaskManager's JVM options, and to those of every
 *     TaskManager started later by {@link LocalFlinkCluster#startTaskManager()}
 * @param configuration {@code config.yaml} entries; a key the cluster generates itself is replaced
 * @param taskManagers how many TaskManagers the cluster starts with (two slots each)
 */
public record FlinkClusterOptions(List<String> taskManagerJvmOptions, Map<String, String> configuration,
        int taskManagers) {

    public static final FlinkClusterOptions DEFAULTS = new FlinkClusterOptions(List.of(), Map.of());

    public FlinkClusterOptions(List<String> taskManagerJvmOptions, Map<String, String> configuration) {
        this(taskManagerJvmOptions, configuration, 1);
    }

    public FlinkClusterOptions {
        if (taskManagers < 1) {
            throw new IllegalArgumentException("a cluster needs at least one TaskManager, got " + taskManagers);
        }
        taskManagerJvmOptions = List.copyOf(taskManagerJvmOptions);
        // sorted, so the generated file is the same for the same options
        configuration = Map.copyOf(new TreeMap<>(configuration));
    }

    public FlinkClusterOptions withTaskManagerJvmOptions(List<String> options) {
        return new FlinkClusterOptions(options, configuration, taskManagers);
    }

    public FlinkClusterOptions withConfiguration(Map<String, String> entries) {
        return new FlinkClusterOptions(taskManagerJvmOptions, entries, taskManagers);
    }

    /**
     * Flink's Prometheus reporter on {@code first..last} instead of 9249-9259: the JobManager and each
     * TaskManager take the first free port of it, so a range of its own tells a scraper where this
     * cluster's processes are.
     */
    public FlinkClusterOptions withPrometheusPorts(int first, int last) {
        if (first < 1 || last > 65535 || last < first) {
            throw new IllegalArgumentException("not a port range: " + first + "-" + last);
        }
        Map<String, String> entries = new TreeMap<>(configuration);
        entries.put(FlinkConfig.PROMETHEUS_PORT_KEY, first + "-" + last);
        return withConfiguration(entries);
    }

    public FlinkClusterOptions withTaskManagers(int count) {
        return new FlinkClusterOptions(taskManagerJvmOptions, configuration, count);
    }
}
