package dev.pairing.netns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A tiny echo server and client, run inside test hosts (no ping or netcat needed on the machine).
 * {@code serve ADDRESS PORT}: echoes TCP and UDP on the port, prints "serving" when ready.
 * {@code tcp ADDRESS PORT COUNT}: COUNT echoes over one connection (1 s timeouts), prints each round
 * trip in microseconds, exits 1 when it cannot connect or an echo does not come back.
 * {@code udp ADDRESS PORT COUNT}: COUNT datagrams, one at a time, prints "received N of COUNT".
 */
public final class Probe {

    private Probe() {}

    public static void main(String[] args) throws Exception {
        InetAddress address = InetAddress.getByName(args[1]);
        int port = Integer.parseInt(args[2]);
        switch (args[0]) {
            case "serve" -> serve(address, port);
            case "tcp" -> System.exit(tcp(address, port, Integer.parseInt(args[3])));
            case "udp" -> udp(address, port, Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void serve(InetAddress address, int port) throws Exception {
        ServerSocket server = new ServerSocket(port, 50, address);
        DatagramSocket datagrams = new DatagramSocket(new InetSocketAddress(address, port));
        Thread udp = new Thread(() -> {
            byte[] buffer = new byte[64];
            while (true) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    datagrams.receive(packet);
                    datagrams.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
                } catch (Exception e) {
                    return;
                }
            }
        });
        udp.setDaemon(true);
        udp.start();
        System.out.println("serving");
        System.out.flush();
        while (true) {
            Socket client = server.accept();
            Thread echo = new Thread(() -> {
                try (client; DataInputStream in = new DataInputStream(client.getInputStream());
                        DataOutputStream out = new DataOutputStream(client.getOutputStream())) {
                    while (true) {
                        out.writeLong(in.readLong());
                        out.flush();
                    }
                } catch (Exception e) {
                    // the client went away
                }
            });
            echo.setDaemon(true);
            echo.start();
        }
    }

    private static int tcp(InetAddress address, int port, int count) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            socket.setSoTimeout(1_000);
            socket.setTcpNoDelay(true);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < count; i++) {
                long sent = System.nanoTime();
                out.writeLong(sent);
                out.flush();
                if (in.readLong() != sent) {
                    System.out.println("wrong echo");
                    return 1;
                }
                System.out.println("rtt_us " + (System.nanoTime() - sent) / 1_000);
            }
            return 0;
        } catch (Exception e) {
            System.out.println("failed: " + e);
            return 1;
        }
    }

    private static void udp(InetAddress address, int port, int count) throws Exception {
        int received = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            byte[] buffer = new byte[8];
            for (int i = 0; i < count; i++) {
                byte[] payload = Integer.toString(i).getBytes();
                try {
                    socket.send(new DatagramPacket(payload, payload.length, address, port));
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    socket.receive(reply);
                    if (new String(reply.getData(), 0, reply.getLength()).equals(Integer.toString(i))) {
                        received++;
                    }
                } catch (SocketTimeoutException e) {
                    // lost one way or the other
                } catch (java.io.IOException e) {
                    // a firewall rule dropping outgoing packets fails the send itself (EPERM)
                }
            }
        }
        System.out.println("received " + received + " of " + count);
    }
}
