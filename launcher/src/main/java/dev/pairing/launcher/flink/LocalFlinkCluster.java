package dev.pairing.launcher.flink;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.JavaCommand;
import dev.pairing.launcher.process.LaunchException;
import dev.pairing.launcher.process.Poll;
import dev.pairing.launcher.process.Ports;
import dev.pairing.netns.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Flink session cluster from Maven artifacts: a JobManager (with the dashboard) and one or
 * more TaskManagers, each a JVM of its own, configured in {@code dir/conf}, logging to
 * {@code dir/logs}. Tests, drills and {@code pairing flink-cluster} kill TaskManagers and start
 * replacements while a job runs, as a supervisor of a standalone cluster would.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    /** A TaskManager's main class, on its command line: how another terminal finds it. */
    public static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final LocalBuild build;
    private final Path dir;
    private final FlinkPorts ports;
    private final FlinkJvm jvm;
    private final FlinkRest rest;
    private final FlinkClusterOptions options;
    private ChildProcess jobManager;
    /** The TaskManagers started and not yet replaced, oldest first. */
    private final List<ChildProcess> taskManagers = new ArrayList<>();
    /** Each TaskManager's RPC port, which its REST id carries. */
    private final Map<ChildProcess, Integer> rpcPorts = new HashMap<>();
    /** The test host of each TaskManager that runs on one. */
    private final Map<ChildProcess, Host> hosts = new HashMap<>();
    private int taskManagersStarted;

    private LocalFlinkCluster(LocalBuild build, Path dir, FlinkPorts ports, FlinkClusterOptions options) {
        this.build = build;
        this.options = options;
        this.dir = dir.toAbsolutePath();
        this.ports = ports;
        this.jvm = new FlinkJvm(build, confDir(), logDir());
        this.rest = new FlinkRest(restUrl());
    }

    /**
     * Starts a JobManager and a TaskManager and returns once the TaskManager has registered its
     * slots.
     *
     * @throws dev.pairing.launcher.process.Ports.PortTakenException when a port is taken
     * @throws LaunchException when a process exits or the cluster is not ready in time
     */
    public static LocalFlinkCluster start(LocalBuild build, Path dir, FlinkPorts ports) {
        return start(build, dir, ports, FlinkClusterOptions.DEFAULTS);
    }

    /** As {@link #start(LocalBuild, Path, FlinkPorts)}, with TaskManager JVM options and configuration added. */
    public static LocalFlinkCluster start(LocalBuild build, Path dir, FlinkPorts ports,
            FlinkClusterOptions options) {
        LocalFlinkCluster cluster = new LocalFlinkCluster(build, dir, ports, options);
        ports.requireFree();
        cluster.writeConfig();
        cluster.startJobManager();
        cluster.startTaskManagerProcess(ports.taskManagerRpc(), ports.taskManagerData(), ports.taskManagerQueryService(),
                cluster.hostFor(0));
        cluster.awaitNewTaskManager(Set.of());
        for (int n = 1; n < options.taskManagers(); n++) {
            cluster.startTaskManager();
        }
        return cluster;
    }

    public String restUrl() {
        return "http://localhost:" + ports.rest();
    }

    public FlinkPorts ports() {
        return ports;
    }

    public FlinkRest rest() {
        return rest;
    }

    /** Flink's command-line client, aimed at this cluster. */
    public FlinkCli cli() {
        return new FlinkCli(build, confDir(), logDir(), null);
    }

    public Path confDir() {
        return dir.resolve("conf");
    }

    public Path logDir() {
        return dir.resolve("logs");
    }

    public Path savepointDir() {
        return dir.resolve("savepoints");
    }

    /** Where checkpoints go, one directory per job; those retained on cancellation or failure stay. */
    public Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    /** The checkpoints and savepoints kept in this cluster's directory, from this run and earlier ones. */
    public RetainedSnapshots snapshots() {
        return new RetainedSnapshots(checkpointDir(), savepointDir());
    }

    public ChildProcess jobManager() {
        return jobManager;
    }

    /** The first TaskManager that runs, or the newest one when none does. */
    public synchronized ChildProcess taskManager() {
        return taskManagers.stream().filter(ChildProcess::isAlive).findFirst()
                .orElse(taskManagers.isEmpty() ? null : taskManagers.get(taskManagers.size() - 1));
    }

    /** The TaskManagers started and not replaced, oldest first (a dead one stays until replaced). */
    public synchronized List<ChildProcess> taskManagers() {
        return List.copyOf(taskManagers);
    }

    /**
     * The running TaskManager a REST id names ({@code localhost:<rpc port>-<suffix>}, as
     * {@link FlinkRest#taskManagersRunning} gives it), found by its RPC port.
     */
    public synchronized Optional<ChildProcess> taskManagerWithId(String restId) {
        Matcher port = Pattern.compile(":(\\d+)-").matcher(restId);
        if (!port.find()) {
            return Optional.empty();
        }
        int rpcPort = Integer.parseInt(port.group(1));
        return taskManagers.stream().filter(ChildProcess::isAlive)
                .filter(tm -> Integer.valueOf(rpcPort).equals(rpcPorts.get(tm))).findFirst();
    }

    /** SIGKILL of a TaskManager, as a crash: its tasks fail and the job restarts from a checkpoint. */
    public void killTaskManager() {
        taskManager().kill();
    }

    /**
     * Starts a further TaskManager, or a replacement after {@link #forget}, and waits until it has
     * registered.
     */
    public ChildProcess startTaskManager() {
        // A killed one may stay listed until its heartbeat times out: the start waits for a new id.
        // A replacement on a dead one's RPC address can meet the JobManager's stale association
        // with that address ("read-only association" in its log) and never register: a drill's
        // replacement waited 120 s in vain that way. Fresh ports are a fresh address (and let
        // several TaskManagers share the host).
        int started;
        synchronized (this) {
            started = taskManagersStarted;
        }
        return startTaskManager(hostFor(started));
    }

    private ChildProcess startTaskManager(Host host) {
        Set<String> known = rest.taskManagerIds();
        ChildProcess started = startTaskManagerProcess(Ports.freePort(), Ports.freePort(), Ports.freePort(), host);
        awaitNewTaskManager(known);
        return started;
    }

    /** Replaces a TaskManager that exited with a new one, on the same host, as a supervisor would. */
    public ChildProcess replaceTaskManager(ChildProcess dead) {
        Host host;
        synchronized (this) {
            host = hosts.get(dead);
        }
        forget(dead);
        return startTaskManager(host);
    }

    /** The test host a TaskManager runs on, if the cluster's options put it on one. */
    public synchronized Optional<Host> hostOf(ChildProcess taskManager) {
        return Optional.ofNullable(hosts.get(taskManager));
    }

    /** Drops a TaskManager that exited from {@link #taskManagers()}. */
    public synchronized void forget(ChildProcess dead) {
        if (dead.isAlive()) {
            throw new IllegalStateException(dead.name() + " still runs");
        }
        taskManagers.remove(dead);
        rpcPorts.remove(dead);
        hosts.remove(dead);
    }

    /** Stops the TaskManagers, then the JobManager, each with a clean shutdown. */
    public void stop() {
        List<ChildProcess> processes = new ArrayList<>(taskManagers());
        processes.add(jobManager);
        for (ChildProcess process : processes) {
            if (process != null && process.isAlive()) {
                process.stop(STOP_GRACE);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfig() {
        try {
            for (String sub : List.of("conf", "logs", "checkpoints", "savepoints", "tmp", "blobs", "web")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Map<String, String> entries = new HashMap<>();
            String jobManagerAddress = options.jobManagerAddress();
            if (jobManagerAddress != null) {
                // TaskManagers on test hosts reach the JobManager (RPC, blobs) on their network's gateway
                entries.put("jobmanager.rpc.address", jobManagerAddress);
                entries.put("jobmanager.bind-host", jobManagerAddress);
            }
            entries.putAll(options.configuration());
            Files.writeString(confDir().resolve("config.yaml"), FlinkConfig.configYaml(dir, ports, entries));
            Files.writeString(confDir().resolve("log4j.properties"), FlinkConfig.logConfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startJobManager() {
        FlinkJvm.ResourceParams params = jvm.resourceParams("GET_JM_RESOURCE_PARAMS");
        jobManager = ChildProcess.start("flink jobmanager",
                jvm.java("jobmanager").jvm(params.jvmOptions())
                        .guardedMain("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint")
                        .args("--configDir", confDir().toString(), "--executionMode", "cluster")
                        .args(params.dynamicProperties()).toList(),
                Map.of(), logDir().resolve("jobmanager.out"));
    }

    /** The host of the {@code n}-th TaskManager started (from 0), when the options give hosts; else null. */
    private Host hostFor(int n) {
        List<Host> given = options.taskManagerHosts();
        return given.isEmpty() ? null : given.get(n % given.size());
    }

    private ChildProcess startTaskManagerProcess(int rpcPort, int dataPort, int queryServicePort, Host host) {
        FlinkJvm.ResourceParams params = jvm.resourceParams("GET_TM_RESOURCE_PARAMS");
        int number;
        synchronized (this) {
            number = ++taskManagersStarted;
        }
        // the first keeps the names it always had; each later one logs to files of its own
        String name = number == 1 ? "taskmanager" : "taskmanager-" + number;
        JavaCommand java = jvm.java(name).jvm(params.jvmOptions()).jvm(options.taskManagerJvmOptions())
                .guardedMain(TASK_MANAGER_MAIN)
                .args("--configDir", confDir().toString())
                .args(params.dynamicProperties())
                .args("-D", "metrics.internal.query-service.port=" + queryServicePort)
                .args("-D", "taskmanager.data.port=" + dataPort)
                .args("-D", "taskmanager.rpc.port=" + rpcPort);
        if (host != null) {
            // its own address on its host, where the JobManager and the other TaskManagers reach it
            java.args("-D", "taskmanager.host=" + host.address()).args("-D", "taskmanager.bind-host=" + host.address());
        }
        List<String> command = host == null ? java.toList() : host.command(java.toList());
        ChildProcess started = ChildProcess.start("flink " + name + (host == null ? "" : " on " + host.name()), command,
                Map.of(), logDir().resolve(name + ".out"));
        synchronized (this) {
            taskManagers.add(started);
            rpcPorts.put(started, rpcPort);
            if (host != null) {
                hosts.put(started, host);
            }
        }
        return started;
    }

    private void awaitNewTaskManager(Set<String> known) {
        boolean registered = Poll.until(READY_TIMEOUT, Duration.ofMillis(250), () -> {
            List<ChildProcess> started = taskManagers();
            for (ChildProcess process : List.of(jobManager, started.get(started.size() - 1))) {
                if (!process.isAlive()) {
                    String log = process.name().substring("flink ".length()).split(" ")[0] + ".log";
                    throw new LaunchException("the " + process.name() + " exited during startup:\n"
                            + process.logTail(15) + "\nsee " + logDir().resolve(log) + " and " + process.logFile());
                }
            }
            // registered with its slots: right after registering, a TaskManager shows no slots yet
            Set<String> withSlots = rest.taskManagersWithSlots();
            withSlots.removeAll(known);
            return !withSlots.isEmpty();
        });
        if (!registered) {
            throw new LaunchException("the Flink cluster was not ready within " + READY_TIMEOUT.toSeconds()
                    + " s (no TaskManager registered at " + restUrl() + "); see " + logDir().resolve("jobmanager.log")
                    + " and " + logDir().resolve("taskmanager.log"));
        }
    }
}
