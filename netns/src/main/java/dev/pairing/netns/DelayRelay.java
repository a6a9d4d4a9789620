package dev.pairing.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay that holds back what its clients send: the delay of tc netem, in user space, for
 * kernels built without netem ({@link Availability#netem()}). It listens on one port per target,
 * on an address of this machine (a test network's gateway, where hosts reach it), and forwards each
 * connection to its target. Every chunk a client sends is passed on {@code delay} after it
 * arrived, in order; the answers go back at once. So every request-and-answer round trip of the
 * client grows by the delay, as netem on the client host's interface would make it.
 *
 * <p>It delays bytes, not packets: the client's TCP sees only the short round trip to the relay,
 * so its congestion window is not held back by the delay the way netem's would be. A protocol that
 * waits for answers (Kafka's, with a few requests in flight) is slowed all the same. Loss is a
 * firewall rule on the client's host ({@link Host#loseRandomly}), which its TCP does see.
 *
 * <p>It can also {@link #cutOff} its clients from their targets, with no namespace and no root: a
 * partition between the two as each side sees it. Nothing passes either way and a new connection
 * is accepted but never answered, until the fault heals; the bytes held meanwhile then go on, as a
 * TCP connection that outlived the partition retransmits them.
 */
public final class DelayRelay implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;
    /** Chunks held per direction at most: a relay must not buffer without bound. */
    private static final int HELD_CHUNKS = 1024;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, long dueNanos) {}

    private final String address;
    private final Duration delay;
    private final List<ServerSocket> servers = new ArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong relayed = new AtomicLong();
    private volatile boolean closed;
    /** Cut-offs in force; guarded by {@link #gate}, which threads wait on while there are any. */
    private int cuts;
    private final Object gate = new Object();

    private DelayRelay(String address, Duration delay) {
        this.address = address;
        this.delay = delay;
    }

    /**
     * Listens on a free port of {@code listenAddress} for each target, in their order.
     *
     * @param delay how long each chunk a client sends is held before it goes on to the target
     */
    public static DelayRelay open(String listenAddress, List<InetSocketAddress> targets, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay must not be negative, got " + delay);
        }
        DelayRelay relay = new DelayRelay(listenAddress, delay);
        try {
            for (InetSocketAddress target : targets) {
                ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(listenAddress));
                relay.servers.add(server);
                relay.thread("relay-accept-" + server.getLocalPort(), () -> relay.accept(server, target));
            }
        } catch (IOException e) {
            relay.close();
            throw new UncheckedIOException("cannot listen on " + listenAddress, e);
        }
        return relay;
    }

    /** The port that leads to target {@code i} (from 0, in the order given). */
    public int port(int i) {
        return servers.get(i).getLocalPort();
    }

    /** "address:port" of each target's port, in the order given: where clients are to connect. */
    public List<String> endpoints() {
        return servers.stream().map(s -> address + ":" + s.getLocalPort()).toList();
    }

    public Duration delay() {
        return delay;
    }

    /** Bytes passed on so far, both ways: proof that the traffic took this path. */
    public long bytesRelayed() {
        return relayed.get();
    }

    /**
     * Cuts every client off from its target until the fault heals: the connections stay open, and
     * nothing passes on them either way; a client that connects meanwhile is accepted but its
     * connection to the target waits for the heal too.
     */
    public Fault cutOff() {
        synchronized (gate) {
            cuts++;
        }
        AtomicBoolean healed = new AtomicBoolean();
        return new Fault() {
            @Override
            public String description() {
                return "the clients of " + DelayRelay.this + " cut off from their targets";
            }

            @Override
            public void heal() {
                if (healed.compareAndSet(false, true)) {
                    synchronized (gate) {
                        cuts--;
                        gate.notifyAll();
                    }
                }
            }
        };
    }

    /** Waits while a cut-off is in force. */
    private void awaitLink() throws InterruptedException {
        synchronized (gate) {
            while (cuts > 0 && !closed) {
                gate.wait();
            }
        }
    }

    /** Stops listening and ends every relayed connection. */
    @Override
    public void close() {
        closed = true;
        synchronized (gate) {
            gate.notifyAll();
        }
        for (ServerSocket server : servers) {
            closeQuietly(server);
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private void accept(ServerSocket server, InetSocketAddress target) {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            thread("relay-connect-" + client.getPort(), () -> connect(client, target));
        }
    }

    /** Opens the connection to the target off the accepting thread: a target that is cut off takes seconds to refuse. */
    private void connect(Socket client, InetSocketAddress target) {
        Socket upstream = new Socket();
        try {
            awaitLink();
            upstream.connect(target, 10_000);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            // the target is down or cut off: the client sees its connection end, as it would
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        sockets.add(client);
        sockets.add(upstream);
        if (closed) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        new Connection(client, upstream, "relay-" + client.getPort() + "-" + target.getPort()).start();
    }

    /**
     * One relayed connection: what the client sends goes through the hold, the answers straight
     * back. Each direction ends with a half-close, as the sender's did; the sockets close once both
     * directions have ended, or at once on an error.
     */
    private final class Connection {

        private final Socket client;
        private final Socket upstream;
        private final String name;
        private final BlockingQueue<Chunk> held = new ArrayBlockingQueue<>(HELD_CHUNKS);
        private final AtomicInteger open = new AtomicInteger(2);

        Connection(Socket client, Socket upstream, String name) {
            this.client = client;
            this.upstream = upstream;
            this.name = name;
        }

        void start() {
            thread(name + "-in", this::hold);
            thread(name + "-out", this::release);
            thread(name + "-back", this::pass);
        }

        /** Reads what the client sends and holds it, stamped with when it is due. */
        private void hold() {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = client.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    held.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delay.toNanos()));
                }
                held.put(END);
            } catch (IOException e) {
                end();
                held.offer(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end();
            }
        }

        /** Passes each held chunk on once it is due. */
        private void release() {
            try {
                OutputStream out = upstream.getOutputStream();
                while (true) {
                    Chunk chunk = held.take();
                    if (chunk == END) {
                        upstream.shutdownOutput();
                        directionDone();
                        return;
                    }
                    for (long wait = chunk.dueNanos() - System.nanoTime(); wait > 0;
                            wait = chunk.dueNanos() - System.nanoTime()) {
                        LockSupport.parkNanos(wait); // the delay itself: what the relay is for
                    }
                    awaitLink();
                    out.write(chunk.bytes());
                    out.flush();
                    relayed.addAndGet(chunk.bytes().length);
                }
            } catch (IOException e) {
                end();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end();
            }
        }

        /** The answers, at once. */
        private void pass() {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = upstream.getInputStream();
                OutputStream out = client.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitLink();
                    out.write(buffer, 0, n);
                    out.flush();
                    relayed.addAndGet(n);
                }
                client.shutdownOutput();
                directionDone();
            } catch (IOException e) {
                end();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end();
            }
        }

        private void directionDone() {
            if (open.decrementAndGet() == 0) {
                end();
            }
        }

        private void end() {
            closeQuietly(client);
            closeQuietly(upstream);
            sockets.remove(client);
            sockets.remove(upstream);
        }
    }

    private void thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is all that is asked
        }
    }

    @Override
    public String toString() {
        return "a relay on " + address + " delaying clients' sends by " + delay.toMillis() + " ms";
    }
}
