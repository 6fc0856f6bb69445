package dev.posterm.core.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.tinylog.Logger;

/** Fans terminal events out to subscribers (the API's event stream, the indicators). */
public final class EventHub {
    private final List<Consumer<TerminalEvent>> listeners = new CopyOnWriteArrayList<>();

    public AutoCloseable subscribe(Consumer<TerminalEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Delivers on the caller's thread; a failing listener is logged and does not stop the others. */
    public void publish(TerminalEvent event) {
        for (Consumer<TerminalEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                Logger.warn(e, "event listener failed on {}", event.getClass().getSimpleName());
            }
        }
    }
}
