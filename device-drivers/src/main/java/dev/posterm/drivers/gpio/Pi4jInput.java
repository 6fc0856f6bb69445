package dev.posterm.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import org.tinylog.Logger;

import java.util.function.Consumer;

/** One input line on a {@link Pi4jBoard}: Pi4J's state events turned into booleans. */
final class Pi4jInput implements InputLine {

    private final InputSpec spec;
    private final DigitalInput input;

    Pi4jInput(InputSpec spec, DigitalInput input) {
        this.spec = spec;
        this.input = input;
    }

    @Override
    public String name() {
        return spec.name();
    }

    int bcmPin() {
        return spec.bcmPin();
    }

    @Override
    public boolean isHigh() {
        return input.state() == DigitalState.HIGH;
    }

    @Override
    public void onChange(Consumer<Boolean> listener) {
        input.addListener((DigitalStateChangeListener) event -> {
            try {
                listener.accept(event.state() == DigitalState.HIGH);
            } catch (RuntimeException e) {
                // Pi4J's event thread must live on: the next change has to reach the listener too.
                Logger.error(e, "GPIO {}: the listener of a change failed", this);
            }
        });
    }

    /** The mock provider only: the level a wired contact would give the line. */
    void simulate(boolean high) {
        if (!(input instanceof MockDigitalInput mock)) {
            throw new IllegalStateException(this + " is a real line (gpiod): only the mock provider can be driven");
        }
        mock.mockState(DigitalState.getState(high));
    }

    @Override
    public String toString() {
        return "GPIO " + spec.name() + " (BCM " + spec.bcmPin() + ")";
    }
}
