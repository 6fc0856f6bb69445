package dev.posterm.drivers.modem;

import java.time.Duration;

/** The cellular modem's AT command port, as the link monitor uses it. */
public interface Modem extends AutoCloseable {

    /** Asks AT, +CSQ, +CREG?/+CEREG? and +CGATT?, each bounded by {@code perCommand}. Never throws. */
    ModemStatus query(Duration perCommand);

    @Override
    void close();
}
