package dev.posterm.drivers.io;

/**
 * Where a device is attached, as written in config: a serial device path
 * ({@code /dev/ttyUSB0}) or a raw serial-over-TCP server ({@code tcp:HOST:PORT}).
 */
public sealed interface PortAddress {

    /** A local serial device at {@code path}, opened at {@code baud} 8N1, no flow control. */
    record SerialDevice(String path, int baud) implements PortAddress {
        @Override
        public String toString() {
            return path + "@" + baud;
        }
    }

    /** A raw TCP stream carrying the serial bytes unchanged (no Telnet/RFC 2217 negotiation). */
    record TcpEndpoint(String host, int port) implements PortAddress {
        @Override
        public String toString() {
            return "tcp:" + host + ":" + port;
        }
    }

    /**
     * Parses the config form. {@code baud} applies to serial devices only.
     *
     * @throws IllegalArgumentException with a message naming the bad value
     */
    static PortAddress parse(String text, int baud) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("port is empty: expected a device path or tcp:HOST:PORT");
        }
        if (text.startsWith("tcp:")) {
            String rest = text.substring(4);
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                throw new IllegalArgumentException("port '" + text + "' is not tcp:HOST:PORT");
            }
            String host = rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port '" + text + "' has no numeric TCP port");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port '" + text + "': TCP port must be 1..65535");
            }
            return new TcpEndpoint(host, port);
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("baud for '" + text + "' must be positive, was " + baud);
        }
        return new SerialDevice(text, baud);
    }
}
