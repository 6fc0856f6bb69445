package dev.posterm.core.engine;

import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.receipt.ReceiptSpooler;
import dev.posterm.core.saf.ReversalQueue;
import dev.posterm.core.status.Alerts;
import dev.posterm.drivers.reader.CardReader;
import java.time.Clock;
import java.time.Duration;

/**
 * What the engine works with, built once by the wiring. A record so a test can put fakes in.
 *
 * @param cardWaitSeconds how long the reader waits for a card (DF10)
 * @param hostTimeout     the 0200 response timeout (host.timeout_ms)
 */
public record EngineParts(TerminalIdentity terminal, PaymentBook book, CardReader reader, HostLink host,
                          HostMessages messages, ReversalQueue reversals, ReceiptSpooler spooler, Alerts alerts,
                          Clock clock, int cardWaitSeconds, Duration hostTimeout, int payWithinSeconds,
                          Offline offline) {

    /**
     * What offline selling needs: the vault for card data, the policy, the forwarder to wake, and the
     * link monitor's view (to skip the host when the link is known down, and the outage's age).
     */
    public record Offline(dev.posterm.core.vault.CardVault vault, dev.posterm.core.engine.offline.OfflinePolicy policy,
                          dev.posterm.core.saf.StoreAndForward saf,
                          java.util.function.Supplier<dev.posterm.core.status.LinkMonitor.View> link,
                          java.util.function.Consumer<dev.posterm.core.hostlink.HostReply> report, int maxAgeHours) {
    }
}
