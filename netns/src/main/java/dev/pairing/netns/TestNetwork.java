package dev.pairing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A network of test hosts on one machine: a bridge in the root namespace with the first address of
 * a /24 (the test JVM's own address on it), and a network namespace per {@link Host} with the next
 * addresses, joined to the bridge by veth pairs. Hosts reach each other and the test JVM, nothing
 * else: they have no default route, and the root namespace has an "unreachable" route for the
 * subnet behind the bridge's own, so no packet for a test address ever leaves the machine, even
 * after the bridge is gone.
 *
 * <p>Nothing outlives it. {@link #close()} kills what runs on its hosts and deletes namespaces,
 * links and routes; a shutdown hook closes a network a test forgot; a watchdog process (its stdin a
 * pipe from this JVM) removes the network when this JVM dies even by SIGKILL; and {@link #create}
 * first sweeps what dead JVMs left ({@link Leftovers#sweepDead()}).
 */
public final class TestNetwork implements AutoCloseable {

    /** Test networks take /24s from here; other ranges are never touched. */
    static final String RANGE = "10.213.";
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,19}");
    private static final AtomicInteger NETWORKS = new AtomicInteger();
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "pairing-netns.lock");

    private final String tag;
    private final String subnet;
    private final Process watchdog;
    private final Thread shutdownHook;
    private final List<Host> hosts = new ArrayList<>();
    private boolean closed;

    private TestNetwork(String tag, String subnet, Process watchdog) {
        this.tag = tag;
        this.subnet = subnet;
        this.watchdog = watchdog;
        this.shutdownHook = new Thread(this::close, "test-network-" + tag);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Sweeps what dead JVMs left, then makes a bridge with its own /24 and starts the watchdog.
     *
     * @throws NetworkException when this machine does not allow namespaces (the message says why:
     *         check {@link Availability#probe()} first to skip instead)
     */
    public static TestNetwork create() {
        Availability availability = Availability.probe();
        if (!availability.namespaces()) {
            throw new NetworkException(availability.reason());
        }
        String tag = NetworkNames.tag(ProcessHandle.current().pid(), NETWORKS.getAndIncrement());
        // the lock keeps two JVMs from sweeping each other's half-made network or taking one subnet
        try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            Leftovers.sweepDead();
            String subnet = freeSubnet();
            String bridge = NetworkNames.bridge(tag);
            Process watchdog = Watchdog.start(tag);
            try {
                Shell.require("ip", "link", "add", bridge, "type", "bridge");
                Shell.require("ip", "addr", "add", subnet + "1/24", "dev", bridge);
                Shell.require("ip", "link", "set", bridge, "up");
                Shell.require("ip", "-4", "route", "add", "unreachable", subnet + "0/24", "metric", "4213", "proto",
                        Leftovers.GUARD_PROTOCOL);
            } catch (RuntimeException e) {
                Leftovers.ofTag(tag).remove();
                watchdog.destroy();
                throw e;
            }
            return new TestNetwork(tag, subnet, watchdog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + LOCK, e);
        }
    }

    /** The network's name prefix: every namespace and link of it starts with it. */
    public String tag() {
        return tag;
    }

    /** The test JVM's address on this network (the bridge's), e.g. "10.213.4.1". */
    public String gatewayAddress() {
        return subnet + "1";
    }

    public synchronized List<Host> hosts() {
        return List.copyOf(hosts);
    }

    /**
     * Adds a host: a namespace with loopback up and {@code eth0} on the bridge with the next address.
     *
     * @param name 1 to 20 of a-z, 0-9 and '-', unique in this network
     */
    public synchronized Host addHost(String name) {
        if (closed) {
            throw new IllegalStateException("network " + tag + " is closed");
        }
        if (!HOST_NAME.matcher(name).matches() || hosts.stream().anyMatch(h -> h.name().equals(name))) {
            throw new IllegalArgumentException("host name '" + name + "': 1-20 of a-z, 0-9, '-', unique in the network");
        }
        int index = hosts.size() + 1;
        if (index > 99) {
            throw new IllegalStateException("a network holds at most 99 hosts");
        }
        String namespace = NetworkNames.namespace(tag, name);
        String outside = NetworkNames.hostLink(tag, index);
        String inside = NetworkNames.peerLink(tag, index);
        String address = subnet + (index + 1);
        Shell.require("ip", "netns", "add", namespace);
        Shell.require("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
        Shell.require("ip", "link", "set", outside, "master", NetworkNames.bridge(tag));
        Shell.require("ip", "link", "set", outside, "up");
        Shell.require("ip", "link", "set", inside, "netns", namespace);
        Shell.require("ip", "-n", namespace, "link", "set", inside, "name", "eth0");
        Shell.require("ip", "-n", namespace, "addr", "add", address + "/24", "dev", "eth0");
        Shell.require("ip", "-n", namespace, "link", "set", "eth0", "up");
        Shell.require("ip", "-n", namespace, "link", "set", "lo", "up");
        Host host = new Host(name, namespace, address, gatewayAddress());
        hosts.add(host);
        return host;
    }

    /** The host of that name. */
    public synchronized Host host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host " + name + " in " + tag));
    }

    /** What of this network the machine holds now: everything while it is open, nothing once closed. */
    public Leftovers leftovers() {
        return Leftovers.ofTag(tag);
    }

    /**
     * Kills what runs on the hosts, deletes namespaces, links and the guard route, and lets the
     * watchdog go.
     *
     * @throws NetworkException when something of the network is still there afterwards
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            hosts.forEach(Host::killStarted);
        }
        Leftovers.ofTag(tag).remove();
        watchdog.destroy();
        if (Thread.currentThread() != shutdownHook) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        Leftovers left = Leftovers.ofTag(tag);
        if (!left.isEmpty()) {
            throw new NetworkException("network " + tag + " left " + left);
        }
    }

    /** The first 10.213.x.0/24 that no address or route of this machine uses. */
    private static String freeSubnet() {
        String used = Shell.require("ip", "-o", "-4", "addr", "show") + Shell.require("ip", "-4", "route", "show");
        for (int n = 1; n < 255; n++) {
            String candidate = RANGE + n + ".";
            if (!used.contains(" " + candidate)) {
                return candidate;
            }
        }
        throw new NetworkException("every /24 of " + RANGE + "0.0/16 is in use");
    }

    @Override
    public String toString() {
        return "test network " + tag + " (" + subnet + "0/24, " + hosts.size() + " hosts)";
    }
}
