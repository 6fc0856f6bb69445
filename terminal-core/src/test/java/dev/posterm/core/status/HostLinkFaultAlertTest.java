package dev.posterm.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.journal.Journal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostLinkFaultAlertTest {

    @Test
    void aHostLinkFaultIsAnAlertUntilTheHostAnswersAgain(@TempDir Path dir) {
        dev.posterm.core.testing.ManualClock clock = new dev.posterm.core.testing.ManualClock(
                java.time.Instant.parse("2026-11-22T10:00:00Z"));
        EventHub events = new EventHub();
        List<TerminalEvent> published = new ArrayList<>();
        events.subscribe(published::add);
        try (Journal journal = Journal.open(dir)) {
            Alerts alerts = new Alerts(journal, events, clock);
            HostLinkFaultAlert watch = new HostLinkFaultAlert(alerts);

            watch.fault("acquirer 10.1.2.3:9000: fault while reading answers: IllegalStateException at X.y(X.java:1)");
            assertEquals(List.of("HOST_LINK_FAULT"), alerts.open().stream().map(dev.posterm.core.alerts.Alert::code).toList());
            assertEquals(Alerts.Kind.HOST_LINK_FAULT.chinese(), alerts.open().get(0).chinese());

            watch.recovered();
            assertEquals(List.of(), alerts.open());
            assertEquals(2, published.size(), published.toString());
        }
    }
}
