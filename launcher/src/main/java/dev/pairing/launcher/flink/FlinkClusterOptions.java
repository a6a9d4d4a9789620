package dev.pairing.launcher.flink;

import dev.pairing.netns.Host;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a caller may add to the local cluster beyond its fixed layout: JVM options for the
 * TaskManager (a profiler, GC logging), configuration entries that override the generated
 * defaults (a state backend, memory), and test hosts for the TaskManagers. The defaults add nothing.
 *
 * @param taskManagerJvmOptions appended to the TaskManager's JVM options, and to those of every
 *     TaskManager started later by {@link LocalFlinkCluster#startTaskManager()}
 * @param configuration {@code config.yaml} entries; a key the cluster generates itself is replaced
 * @param taskManagers how many TaskManagers the cluster starts with (two slots each)
 * @param taskManagerHosts test hosts (network namespaces of one network) the TaskManagers run on, one
 *     each in turn, so that a drill can cut one off or freeze it; empty for this machine's loopback.
 *     With hosts, the JobManager listens on the network's gateway address, where they reach it.
 */
public record FlinkClusterOptions(List<String> taskManagerJvmOptions, Map<String, String> configuration,
        int taskManagers, List<Host> taskManagerHosts) {

    public static final FlinkClusterOptions DEFAULTS = new FlinkClusterOptions(List.of(), Map.of());

    public FlinkClusterOptions(List<String> taskManagerJvmOptions, Map<String, String> configuration) {
        this(taskManagerJvmOptions, configuration, 1);
    }

    public FlinkClusterOptions(List<String> taskManagerJvmOptions, Map<String, String> configuration,
            int taskManagers) {
        this(taskManagerJvmOptions, configuration, taskManagers, List.of());
    }

    public FlinkClusterOptions {
        if (taskManagers < 1) {
            throw new IllegalArgumentException("a cluster needs at least one TaskManager, got " + taskManagers);
        }
        taskManagerJvmOptions = List.copyOf(taskManagerJvmOptions);
        // sorted, so the generated file is the same for the same options
        configuration = Map.copyOf(new TreeMap<>(configuration));
        taskManagerHosts = List.copyOf(taskManagerHosts);
        if (taskManagerHosts.stream().map(Host::gatewayAddress).distinct().count() > 1) {
            throw new IllegalArgumentException("the TaskManagers' hosts must share one network: " + taskManagerHosts);
        }
    }

    public FlinkClusterOptions withTaskManagerJvmOptions(List<String> options) {
        return new FlinkClusterOptions(options, configuration, taskManagers, taskManagerHosts);
    }

    public FlinkClusterOptions withConfiguration(Map<String, String> entries) {
        return new FlinkClusterOptions(taskManagerJvmOptions, entries, taskManagers, taskManagerHosts);
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
        return new FlinkClusterOptions(taskManagerJvmOptions, configuration, count, taskManagerHosts);
    }

    /** One TaskManager on each of {@code hosts}, in their order. */
    public FlinkClusterOptions withTaskManagerHosts(List<Host> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no hosts given");
        }
        return new FlinkClusterOptions(taskManagerJvmOptions, configuration, hosts.size(), hosts);
    }

    /** Where the JobManager listens for the TaskManagers: their network's gateway, or null for loopback. */
    String jobManagerAddress() {
        return taskManagerHosts.isEmpty() ? null : taskManagerHosts.get(0).gatewayAddress();
    }
}
