package dev.pairing.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aListeningPortIsTakenAndTheMessageSaysWhatToDo() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = listener.getLocalPort();

            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(port, "the Kafka broker", "--port"))
                    .isInstanceOf(Ports.PortTakenException.class)
                    .hasMessageContaining("port " + port + " is already in use, so the Kafka broker cannot listen")
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void aClosedPortIsFreeAgain() throws IOException {
        int port;
        try (ServerSocket listener = new ServerSocket(0)) {
            port = listener.getLocalPort();
        }
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void aPickedPortLiesBelowTheKernelsEphemeralRangeWhereConnectionsTakeTheirs() {
        java.util.OptionalInt ephemeral = Ports.ephemeralStart();
        org.junit.jupiter.api.Assumptions.assumeTrue(ephemeral.isPresent(), "no /proc/sys/net/ipv4/ip_local_port_range here");
        for (int i = 0; i < 50; i++) {
            assertThat(Ports.freePort()).isBetween(15000, ephemeral.getAsInt() - 1);
        }
        int first = Ports.freeRange(9);
        assertThat(first + 9).isLessThanOrEqualTo(ephemeral.getAsInt());
    }

    @Test
    void aFreeRangeIsConsecutiveAndFree() {
        int first = Ports.freeRange(6);
        for (int p = first; p < first + 6; p++) {
            assertThat(Ports.isFree(p)).as("port %d", p).isTrue();
        }
    }
}
