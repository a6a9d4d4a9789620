package dev.pairing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One test host: a network namespace with one interface ({@code eth0}) and one address on its
 * {@link TestNetwork}'s bridge. Commands started here see only that interface and loopback, so a
 * server binds its own address and a fault on this host touches nobody else. There is no default
 * route: a host reaches its network's other hosts and the test JVM (the bridge's address), nothing
 * beyond.
 */
public final class Host {

    private final String name;
    private final String namespace;
    private final String address;
    private final String gatewayAddress;
    private final List<Process> started = new ArrayList<>();

    Host(String name, String namespace, String address, String gatewayAddress) {
        this.name = name;
        this.namespace = namespace;
        this.address = address;
        this.gatewayAddress = gatewayAddress;
    }

    /** The name it was added with, e.g. "broker-1". */
    public String name() {
        return name;
    }

    /** Its namespace's name, as {@code ip netns list} shows it. */
    public String namespace() {
        return namespace;
    }

    /** Its IPv4 address, e.g. "10.213.4.2". */
    public String address() {
        return address;
    }

    /**
     * The machine's own address on this host's network (its bridge's, {@link TestNetwork#gatewayAddress()}):
     * where a process here reaches the test JVM and anything else of the root namespace that
     * listens on it.
     */
    public String gatewayAddress() {
        return gatewayAddress;
    }

    /** {@code command} prefixed so that it runs inside this host's namespace. */
    public List<String> command(List<String> command) {
        List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        inside.addAll(command);
        return inside;
    }

    /** Runs a command here to its end, e.g. {@code ping -c 3 10.213.4.3}. */
    public CommandResult run(String... command) {
        return Shell.run(command(List.of(command)));
    }

    /**
     * Starts a long-running command here, stdout and stderr appended to {@code log}. Its stdin is a
     * pipe from this JVM that stays open while it runs, so a child that watches its stdin (such as
     * an orphan guard) stops when this JVM dies. {@code ip netns exec} execs the command: the
     * process's pid is the command's own, for signals and freezes. The network kills it on close.
     */
    public Process start(List<String> command, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            synchronized (started) {
                started.add(process);
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command + " on " + name, e);
        }
    }

    /**
     * Drops every packet between this host and those addresses, both ways, as a partition does:
     * nothing is refused, everything vanishes, connections time out. The rest of the network is
     * unaffected.
     */
    public Fault cutOffFrom(Collection<String> addresses) {
        List<List<String>> rules = new ArrayList<>();
        for (String peer : addresses) {
            rules.add(List.of("INPUT", "-s", peer, "-j", "DROP"));
            rules.add(List.of("OUTPUT", "-d", peer, "-j", "DROP"));
        }
        return new RuleFault(name + " cut off from " + String.join(", ", addresses), rules);
    }

    /** {@link #cutOffFrom(Collection)} those hosts' addresses. */
    public Fault cutOffFrom(Host... peers) {
        return cutOffFrom(List.of(peers).stream().map(Host::address).toList());
    }

    /** Drops every packet in or out but loopback's: the host is alone, the test JVM included. */
    public Fault cutOffFromAll() {
        return new RuleFault(name + " cut off from everything", List.of(
                List.of("INPUT", "!", "-i", "lo", "-j", "DROP"),
                List.of("OUTPUT", "!", "-o", "lo", "-j", "DROP")));
    }

    /**
     * Drops that share of the packets this host receives and sends, at random, with a firewall rule:
     * loss without tc netem, for kernels that lack it.
     */
    public Fault loseRandomly(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("loss must be above 0 and at most 100 %, got " + percent);
        }
        String probability = Double.toString(percent / 100);
        return new RuleFault(name + " losing " + percent + " % of its packets", List.of(
                List.of("INPUT", "!", "-i", "lo", "-m", "statistic", "--mode", "random", "--probability", probability,
                        "-j", "DROP"),
                List.of("OUTPUT", "!", "-o", "lo", "-m", "statistic", "--mode", "random", "--probability", probability,
                        "-j", "DROP")));
    }

    /**
     * Delays (and drops a share of) the packets this host sends, with tc netem on its interface.
     *
     * @throws NetworkException when the kernel has no netem ({@link Availability#netem()})
     */
    public Fault impair(LinkImpairment impairment) {
        List<String> add = new ArrayList<>(List.of("tc", "qdisc", "add", "dev", "eth0", "root", "netem"));
        add.addAll(impairment.netemArguments());
        require(add);
        AtomicBoolean healed = new AtomicBoolean();
        return new Fault() {
            @Override
            public String description() {
                return name + "'s link impaired: " + impairment;
            }

            @Override
            public void heal() {
                if (healed.compareAndSet(false, true)) {
                    require(List.of("tc", "qdisc", "del", "dev", "eth0", "root"));
                }
            }
        };
    }

    /** Kills what {@link #start} started here that still runs (the network does it on close). */
    void killStarted() {
        synchronized (started) {
            for (Process process : started) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private void require(List<String> command) {
        CommandResult result = Shell.run(command(command));
        if (!result.ok()) {
            throw new NetworkException(String.join(" ", command) + " on " + name + " failed (exit " + result.status()
                    + "): " + result.output().strip());
        }
    }

    @Override
    public String toString() {
        return name + " (" + address + ", namespace " + namespace + ")";
    }

    /** Firewall rules inserted in this host's namespace, and deleted again to heal. */
    private final class RuleFault implements Fault {

        private final String description;
        private final List<List<String>> rules;
        private final AtomicBoolean healed = new AtomicBoolean();

        RuleFault(String description, List<List<String>> rules) {
            this.description = description;
            this.rules = rules;
            for (List<String> rule : rules) {
                require(iptables("-I", rule));
            }
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public void heal() {
            if (healed.compareAndSet(false, true)) {
                for (List<String> rule : rules) {
                    require(iptables("-D", rule));
                }
            }
        }

        private List<String> iptables(String action, List<String> rule) {
            List<String> command = new ArrayList<>(List.of("iptables", "-w", action));
            command.addAll(rule);
            return command;
        }
    }
}
