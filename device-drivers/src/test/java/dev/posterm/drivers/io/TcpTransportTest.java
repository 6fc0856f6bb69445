package dev.posterm.drivers.io;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpTransportTest {

    @Test
    void silenceIsZeroBytesAndAHangUpIsTransportClosed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TcpTransport transport = new TcpTransport("127.0.0.1", server.getLocalPort())) {
            transport.open();
            assertTrue(transport.isOpen());
            byte[] buffer = new byte[16];
            try (Socket peer = server.accept()) {
                assertEquals(0, transport.read(buffer, 0, buffer.length, Duration.ofMillis(20)));
                assertEquals(0, transport.read(buffer, 0, buffer.length, Duration.ZERO), "ZERO must not block forever");

                peer.getOutputStream().write(new byte[] {0x02, 0x06});
                transport.write(new byte[] {0x15});
                assertEquals(0x15, peer.getInputStream().read());
                int n = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (n < 2) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("only " + n + " of the peer's 2 bytes within 5 s");
                    }
                    n += transport.read(buffer, n, buffer.length - n, Duration.ofNanos(left));
                }
                assertArrayEquals(new byte[] {0x02, 0x06}, java.util.Arrays.copyOf(buffer, n));
            }
            assertThrows(TransportClosedException.class,
                    () -> transport.read(buffer, 0, buffer.length, Duration.ofSeconds(5)));
        }
    }

    @Test
    void nobodyListeningFailsToOpenAndNamesThePort() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        TcpTransport transport = new TcpTransport("127.0.0.1", port);
        var e = assertThrows(java.io.IOException.class, transport::open);
        assertTrue(e.getMessage().startsWith("tcp:127.0.0.1:" + port), e.getMessage());
        assertFalse(transport.isOpen());
        assertThrows(TransportClosedException.class, () -> transport.write(new byte[] {1}));
    }

    @Test
    void theFactoryPicksTheMediumFromTheAddress() {
        assertEquals("tcp:example:9001", Transports.forAddress(PortAddress.parse("tcp:example:9001", 0)).name());
        Transport serial = Transports.forAddress(PortAddress.parse("/dev/ttyUSB0", 115200));
        assertTrue(serial instanceof SerialTransport);
        assertEquals("/dev/ttyUSB0", serial.name());
        assertFalse(serial.isOpen());
    }
}
