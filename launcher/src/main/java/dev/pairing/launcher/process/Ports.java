package dev.pairing.launcher.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks with messages that name the port, what wanted it and the flag that moves it. */
public final class Ports {

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

    /** A port that was free a moment ago, for tests. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** The first of {@code count} consecutive ports that were all free a moment ago, for tests. */
    public static int freeRange(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = freePort();
            if (first + count > 65535) {
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

    /** A port another process holds. */
    public static final class PortTakenException extends RuntimeException {
        public PortTakenException(int port, String what, String flag) {
            super("port " + port + " is already in use, so " + what + " cannot listen on it; stop what holds it "
                    + "(e.g. `lsof -i :" + port + "`) or choose another port with " + flag);
        }
    }
}
