package dev.posterm.drivers.io;

/** Builds the transport a configured {@link PortAddress} names; the result is not yet open. */
public final class Transports {
    private Transports() {
    }

    public static Transport forAddress(PortAddress address) {
        return switch (address) {
            case PortAddress.SerialDevice d -> new SerialTransport(d.path(), d.baud());
            case PortAddress.TcpEndpoint t -> new TcpTransport(t.host(), t.port());
        };
    }
}
