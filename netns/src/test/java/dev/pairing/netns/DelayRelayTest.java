package dev.pairing.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay on loopback, against an echo server: bytes intact and in order, and never early. */
class DelayRelayTest {

    private static final Duration DELAY = Duration.ofMillis(150);

    private ServerSocket echo;
    private Thread echoing;

    @BeforeEach
    void echoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoing = new Thread(() -> {
            while (true) {
                try {
                    Socket socket = echo.accept();
                    Thread pump = new Thread(() -> {
                        try (socket) {
                            socket.getInputStream().transferTo(socket.getOutputStream());
                        } catch (IOException e) {
                            // the client went away
                        }
                    });
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        echoing.setDaemon(true);
        echoing.start();
    }

    @AfterEach
    void stop() throws IOException {
        echo.close();
    }

    @Test
    void whatAClientSendsArrivesWholeAndInOrderNoSoonerThanTheDelay() throws Exception {
        try (DelayRelay relay = DelayRelay.open("127.0.0.1", List.of(echoAddress()), DELAY);
                Socket client = new Socket("127.0.0.1", relay.port(0))) {
            long sent = System.nanoTime();
            client.getOutputStream().write("ping".getBytes());
            byte[] answer = client.getInputStream().readNBytes(4);
            long roundTrip = System.nanoTime() - sent;

            assertThat(new String(answer)).isEqualTo("ping");
            assertThat(Duration.ofNanos(roundTrip)).as("a round trip through the relay").isGreaterThanOrEqualTo(DELAY);
            // the relay counts a chunk once written, so the client may read the answer a moment before
            await("4 bytes each way").atMost(Duration.ofSeconds(5)).until(relay::bytesRelayed, n -> n == 8);
        }
    }

    @Test
    void aLargeStreamComesBackByteForByteAndTheHalfCloseIsPassedOn() throws Exception {
        byte[] payload = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(payload);
        try (DelayRelay relay = DelayRelay.open("127.0.0.1", List.of(echoAddress()), DELAY);
                Socket client = new Socket("127.0.0.1", relay.port(0))) {
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    out.write(payload);
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = client.getInputStream();
            in.transferTo(received); // ends only once the echo server's half-close came back through the relay
            writer.join();

            assertThat(received.toByteArray()).isEqualTo(payload);
        }
    }

    @Test
    void aCutOffPassesNothingEitherWayUntilItHealsThenTheHeldBytesGoOn() throws Exception {
        try (DelayRelay relay = DelayRelay.open("127.0.0.1", List.of(echoAddress()), Duration.ZERO);
                Socket before = new Socket("127.0.0.1", relay.port(0))) {
            before.getOutputStream().write("a".getBytes());
            assertThat(before.getInputStream().read()).isEqualTo('a');

            Fault cut = relay.cutOff();
            Socket during = new Socket("127.0.0.1", relay.port(0));
            before.getOutputStream().write("b".getBytes());
            during.getOutputStream().write("c".getBytes());
            // silence is checked over a window: a partition answers nothing, it does not refuse
            before.setSoTimeout(700);
            during.setSoTimeout(700);
            assertThatThrownBy(() -> before.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThatThrownBy(() -> during.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            long relayed = relay.bytesRelayed();

            cut.heal();
            before.setSoTimeout(5_000);
            during.setSoTimeout(5_000);
            assertThat(before.getInputStream().read()).isEqualTo('b');
            assertThat(during.getInputStream().read()).isEqualTo('c');
            assertThat(relay.bytesRelayed()).isGreaterThan(relayed);
            during.close();
        }
    }

    @Test
    void eachTargetHasItsOwnPortAndClosingEndsTheConnections() throws Exception {
        DelayRelay relay = DelayRelay.open("127.0.0.1", List.of(echoAddress(), echoAddress()), Duration.ZERO);
        assertThat(relay.port(0)).isNotEqualTo(relay.port(1));
        assertThat(relay.endpoints()).containsExactly("127.0.0.1:" + relay.port(0), "127.0.0.1:" + relay.port(1));
        try (Socket client = new Socket("127.0.0.1", relay.port(1))) {
            client.getOutputStream().write(1);
            assertThat(client.getInputStream().read()).isEqualTo(1);

            relay.close();

            int after;
            try {
                after = client.getInputStream().read();
            } catch (IOException e) {
                after = -1; // reset instead of closed: ended all the same
            }
            assertThat(after).as("read after the relay closed").isEqualTo(-1);
        }
    }

    private InetSocketAddress echoAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort());
    }
}
