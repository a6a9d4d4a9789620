package dev.pairing.launcher.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Random;

/** Port checks with messages that name the port, what wanted it and the flag that moves it. */
public final class Ports {

    /** Ports picked for tools and tests start here: above the well-known services (9092, 8081, ...). */
    private static final int PICK_FROM = 15000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Random RANDOM = new Random();

    private Ports() {}

    /**
     * @throws PortTakenException when something listens on the port (on any local address)
     */
    public static void requireFree(int port, String what, String flag) {
        if (!isFree(port)) {
            throw new PortTakenException(port, what, flag);
        }
    }

    /**
     * Whether nothing listens on the port. Binding is tried the way servers bind (address reuse on,
     * so connections of an earlier run lingering in TIME_WAIT do not count), on the wildcard and on
     * loopback, and a connection attempt catches listeners that a permissive bind would miss.
     */
    public static boolean isFree(int port) {
        return canBind(new InetSocketAddress(port)) && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                && !answers(port);
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port that was free a moment ago, for tests and for ports a tool picks for itself. It is
     * drawn below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), where
     * outgoing connections take their local ports: a port picked in that range and bound seconds
     * later (a Flink port, after a Kafka cluster started and connected) was once taken meanwhile by
     * a connection's local end. Where the range cannot be read, the kernel picks (port 0).
     */
    public static int freePort() {
        OptionalInt below = ephemeralStart();
        if (below.isPresent() && below.getAsInt() - PICK_FROM > 1000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = PICK_FROM + RANDOM.nextInt(below.getAsInt() - PICK_FROM);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** The first of {@code count} consecutive ports that were all free a moment ago, as {@link #freePort}. */
    public static int freeRange(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = freePort();
            int ephemeral = ephemeralStart().orElse(Integer.MAX_VALUE);
            // a range that reaches into the ephemeral ports would be exposed again
            if (first + count > 65535 || (first < ephemeral && first + count > ephemeral)) {
                continue;
            }
            boolean all = true;
            for (int p = first; p < first + count && all; p++) {
                all = isFree(p);
            }
            if (all) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found");
    }

    /** The first port of the kernel's ephemeral range, where it can be read (Linux). */
    static OptionalInt ephemeralStart() {
        try {
            // readString stops early on this proc file (its size reads as 0): read its line
            String range = Files.readAllLines(EPHEMERAL_RANGE).get(0).strip();
            return OptionalInt.of(Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** A port another process holds. */
    public static final class PortTakenException extends RuntimeException {
        public PortTakenException(int port, String what, String flag) {
            super("port " + port + " is already in use, so " + what + " cannot listen on it; stop what holds it "
                    + "(e.g. `lsof -i :" + port + "`) or choose another port with " + flag);
        }
    }
}
