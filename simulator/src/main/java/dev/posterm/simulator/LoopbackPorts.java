package dev.posterm.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Listening sockets for the simulators on the loopback address.
 *
 * <p>"Any free port" is taken below the kernel's ephemeral range (32768 and up on Linux), not from
 * it: while a simulated device is switched off or unplugged, the controller keeps dialling its port,
 * and a port in the ephemeral range can meanwhile become another program's listener (another
 * simulator on the same machine) or a client's own source port, so the controller would reach
 * something that is not the device it thinks it is talking to.
 */
public final class LoopbackPorts {
    private static final int LOW = 20_000;
    private static final int SPAN = 12_000;

    private LoopbackPorts() {
    }

    /** Listens on {@code port}, or on a free port below the ephemeral range when {@code port} is 0. */
    public static ServerSocket listen(int port) throws IOException {
        if (port != 0) {
            return bind(port);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return bind(LOW + ThreadLocalRandom.current().nextInt(SPAN));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no free port below the ephemeral range after 50 tries", last);
    }

    /** Listens on exactly {@code port} (SO_REUSEADDR, so a port just let go of can be taken again). */
    public static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
