package dev.posterm.core.status;

import dev.posterm.core.engine.EventHub;
import dev.posterm.core.engine.TerminalEvent;
import dev.posterm.drivers.modem.Modem;
import dev.posterm.drivers.modem.ModemStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * Watches the link for status, the event stream and the LEDs: the host link's state every second
 * (published when it changes) and the modem's own view every 30 s. The full link monitor (echo
 * tests, hysteresis, modem power cycling) comes with store-and-forward; this keeps the cashier
 * informed meanwhile.
 */
public final class LinkWatch {
    private final Supplier<TerminalStatus.Link> link;
    private final Optional<Modem> modem;
    private final EventHub events;
    private final Clock clock;
    private final java.util.function.Consumer<ModemStatus> modemSeen;
    private String lastState = "";

    /** {@code modemSeen} receives each modem answer (status shows the last one). */
    public LinkWatch(Supplier<TerminalStatus.Link> link, Optional<Modem> modem,
                     java.util.function.Consumer<ModemStatus> modemSeen, EventHub events, Clock clock) {
        this.link = link;
        this.modem = modem;
        this.modemSeen = modemSeen;
        this.events = events;
        this.clock = clock;
    }

    public void runForever() {
        long ticks = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (modem.isPresent() && ticks % 30 == 0) {
                    modemSeen.accept(modem.get().query(Duration.ofSeconds(2)));
                }
                check();
                ticks++;
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Logger.warn(e, "link watch");
            }
        }
    }

    /** Publishes a LinkChanged event when the state differs from the last one seen. */
    public void check() {
        TerminalStatus.Link now = link.get();
        if (!now.state().equals(lastState)) {
            lastState = now.state();
            Logger.info("link {}: {}", now.state(), now.reason());
            events.publish(new TerminalEvent.LinkChanged(clock.instant(), now.state(), now.reason()));
        }
    }
}
