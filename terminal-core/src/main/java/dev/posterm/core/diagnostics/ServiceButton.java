package dev.posterm.core.diagnostics;

import dev.posterm.drivers.gpio.InputLine;
import dev.posterm.drivers.gpio.InputSpec;
import dev.posterm.printer.PrintOutcome;
import dev.posterm.printer.ReceiptPrinter;
import dev.posterm.printer.layout.ReceiptDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The service button inside the case: held for {@link #LONG_PRESS} or more, it prints the
 * diagnostics slip when released; a shorter press does nothing but a log line, so a knock or a
 * brush against it never wastes paper. The button ties the pin to 3.3 V with the pin's pull-down:
 * pressed reads high, and a line left open reads "not pressed".
 *
 * <p>The time is measured from press to release on the injected clock; contact bounce is the
 * input's debounce. Printing runs on {@code printing}, never on the GPIO library's event thread.
 */
public final class ServiceButton {
    /** Long enough not to happen by chance, short enough for a technician to hold without doubt. */
    public static final Duration LONG_PRESS = Duration.ofSeconds(3);
    static final Duration DEBOUNCE = Duration.ofMillis(50);

    private final Clock clock;
    private final Supplier<ReceiptDocument> slip;
    private final ReceiptPrinter printer;
    private final Executor printing;
    private Instant pressedAt;

    private ServiceButton(Clock clock, Supplier<ReceiptDocument> slip, ReceiptPrinter printer, Executor printing) {
        this.clock = clock;
        this.slip = slip;
        this.printer = printer;
        this.printing = printing;
    }

    /** The button's input on {@code bcmPin}. */
    public static InputSpec line(int bcmPin) {
        return new InputSpec("service_button", bcmPin, InputSpec.Pull.DOWN, DEBOUNCE);
    }

    /** Listens to {@code button}: a long press prints {@code slip} (made at that moment) on {@code printer}. */
    public static ServiceButton watch(InputLine button, Clock clock, Supplier<ReceiptDocument> slip,
                                      ReceiptPrinter printer, Executor printing) {
        ServiceButton b = new ServiceButton(clock, slip, printer, printing);
        button.onChange(b::changed);
        return b;
    }

    private synchronized void changed(boolean pressed) {
        Instant now = clock.instant();
        if (pressed) {
            pressedAt = now;
            return;
        }
        if (pressedAt == null) {
            return;   // released without a press seen (held down when posterm started): not a press of ours
        }
        Duration held = Duration.between(pressedAt, now);
        pressedAt = null;
        if (held.compareTo(LONG_PRESS) < 0) {
            Logger.debug("service button: pressed {} ms, under {} s: nothing to do", held.toMillis(),
                    LONG_PRESS.toSeconds());
            return;
        }
        Logger.info("service button: held {} ms: printing the diagnostics slip", held.toMillis());
        printing.execute(this::print);
    }

    private void print() {
        try {
            PrintOutcome outcome = printer.print(slip.get());
            if (!(outcome instanceof PrintOutcome.Printed)) {
                Logger.warn("service button: the diagnostics slip did not print ({}); press again once the printer"
                        + " is ready", outcome);
            }
        } catch (RuntimeException e) {
            Logger.error(e, "service button: the diagnostics slip could not be made");
        }
    }
}
