package dev.posterm.core.engine;

import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.drivers.reader.CardReader;
import java.time.Duration;

/**
 * What a card sale talks to: the reader, and the host with the messages of its profile.
 *
 * @param cardWaitSeconds how long the reader waits for a card (DF10)
 * @param hostTimeout     the 0200 response timeout (host.timeout_ms)
 */
public record CardLane(CardReader reader, int cardWaitSeconds, HostLink host, HostMessages messages,
                       Duration hostTimeout) {
}
