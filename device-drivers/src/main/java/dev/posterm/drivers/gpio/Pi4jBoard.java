package dev.posterm.drivers.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.tinylog.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The board's GPIO through Pi4J 3: the adapter to Pi4J, with {@link Pi4jOutput}.
 *
 * <p>The Pi4J context is built explicitly with exactly one digital-output and one digital-input
 * provider and no auto-detection: libgpiod on the board ({@code gpiod}), or Pi4J's mock provider ({@code mock})
 * on a host without GPIO, where lines keep their state in memory so the rest of the terminal runs
 * unchanged. {@code auto} takes gpiod when {@value #GPIO_CHIP} exists, else the mock with a
 * warning.
 *
 * <p>Each output is created with its {@link OutputSpec}'s initial and shutdown states
 * ({@code DigitalOutputConfig.initial/shutdown}); {@link #close()} shuts the context down, which
 * drives every line to its shutdown state. Pi4J's own JVM shutdown hook is disabled: the owner of
 * the board closes it (from its shutdown path), once, so the order of shutdown is ours.
 *
 * <p>Inputs ({@link #input}) report debounced changes; on the mock provider a test or the demo
 * moves them with {@link #simulate}, as the wired contact would.
 */
public final class Pi4jBoard implements GpioBoard {

    static final String GPIO_CHIP = "/dev/gpiochip0";

    private final Context context;
    private final String provider;
    private final Class<? extends DigitalOutputProvider> providerType;
    private final Class<? extends DigitalInputProvider> inputProviderType;
    private final ScheduledExecutorService pulses;
    private final List<Pi4jOutput> lines = new ArrayList<>();
    private final List<Pi4jInput> inputs = new ArrayList<>();
    private boolean closed;

    private Pi4jBoard(String provider, Class<? extends DigitalOutputProvider> providerType,
                      DigitalOutputProvider instance, Class<? extends DigitalInputProvider> inputProviderType,
                      DigitalInputProvider inputInstance) {
        this.provider = provider;
        this.providerType = providerType;
        this.inputProviderType = inputProviderType;
        this.context = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook().add(instance, inputInstance)
                .build();
        this.pulses = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gpio-pulse");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the board's GPIO with the configured provider: "gpiod", "mock" or "auto".
     *
     * @throws IllegalArgumentException for another provider name
     * @throws RuntimeException (Pi4J's) when "gpiod" is asked for and libgpiod cannot be used
     */
    public static Pi4jBoard open(String provider) {
        return open(provider, Path.of(GPIO_CHIP));
    }

    /** As {@link #open(String)}, looking for {@code gpioChip} to resolve "auto" (for tests). */
    static Pi4jBoard open(String provider, Path gpioChip) {
        return switch (provider) {
            case "gpiod" -> gpiod();
            case "mock" -> mock();
            case "auto" -> {
                if (Files.exists(gpioChip)) {
                    yield gpiod();
                }
                Logger.warn("GPIO: {} not found, using the mock provider: LEDs and buzzer will not be driven",
                        gpioChip);
                yield mock();
            }
            default -> throw new IllegalArgumentException("GPIO provider must be auto, gpiod or mock, was '"
                    + provider + "'");
        };
    }

    /** A board whose lines live in memory (hosts without GPIO, tests, the demo). */
    public static Pi4jBoard mock() {
        return new Pi4jBoard("mock", MockDigitalOutputProvider.class, MockDigitalOutputProvider.newInstance(),
                MockDigitalInputProvider.class, MockDigitalInputProvider.newInstance());
    }

    private static Pi4jBoard gpiod() {
        return new Pi4jBoard("gpiod", GpioDDigitalOutputProvider.class, GpioDDigitalOutputProvider.newInstance(),
                GpioDDigitalInputProvider.class, GpioDDigitalInputProvider.newInstance());
    }

    @Override
    public synchronized OutputLine output(OutputSpec spec) {
        if (closed) {
            throw new IllegalStateException("GPIO board (" + provider + ") is closed; cannot set up " + spec.name());
        }
        DigitalOutput output = context.create(DigitalOutput.newConfigBuilder(context)
                .id("posterm-" + spec.name() + "-" + spec.bcmPin())
                .name(spec.name())
                .address(spec.bcmPin())
                .initial(DigitalState.getState(spec.initialHigh()))
                .shutdown(DigitalState.getState(spec.shutdownHigh()))
                .provider(providerType));
        Pi4jOutput line = new Pi4jOutput(spec, output, pulses);
        lines.add(line);
        return line;
    }

    @Override
    public synchronized InputLine input(InputSpec spec) {
        if (closed) {
            throw new IllegalStateException("GPIO board (" + provider + ") is closed; cannot set up " + spec.name());
        }
        DigitalInput input = context.create(DigitalInput.newConfigBuilder(context)
                .id("posterm-" + spec.name() + "-" + spec.bcmPin())
                .name(spec.name())
                .address(spec.bcmPin())
                .pull(spec.pull() == InputSpec.Pull.UP ? PullResistance.PULL_UP : PullResistance.PULL_DOWN)
                .debounce(spec.debounce().toNanos() / 1000)   // Pi4J counts microseconds
                .provider(inputProviderType));
        Pi4jInput line = new Pi4jInput(spec, input);
        inputs.add(line);
        return line;
    }

    /**
     * On the mock provider, sets the level of the input on {@code bcmPin} as its wired contact
     * would (a case opened, a button pressed); listeners hear it as a change.
     *
     * @throws IllegalStateException on gpiod (a real line is moved by its wire), or no input there
     */
    public void simulate(int bcmPin, boolean high) {
        Pi4jInput line;
        synchronized (this) {
            line = inputs.stream().filter(i -> i.bcmPin() == bcmPin).findFirst().orElseThrow(() ->
                    new IllegalStateException("GPIO (" + provider + "): no input set up on BCM " + bcmPin));
        }
        line.simulate(high);
    }

    @Override
    public String provider() {
        return provider;
    }

    /** Cancels pending pulses, then shuts the context down so every line takes its shutdown state. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pulses.shutdownNow();
        lines.forEach(Pi4jOutput::detach);
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            Logger.warn(e, "GPIO ({}): shutdown did not complete; lines may keep their last state", provider);
        }
    }
}
