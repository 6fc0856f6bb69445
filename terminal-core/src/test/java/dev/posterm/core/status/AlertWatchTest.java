package dev.posterm.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.config.PostermConfig;
import dev.posterm.core.alerts.Alert;
import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.engine.LinkView;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts that come of a condition lasting or growing, with a manual clock and a real journal. */
class AlertWatchTest {
    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(T0);
    final EventHub events = new EventHub();
    final List<String> published = new ArrayList<>();
    Journal journal;
    Alerts alerts;

    /** A link as the engine sees it, set by the test. */
    final class Link implements LinkView {
        Optional<Instant> outage = Optional.empty();

        @Override
        public boolean knownDown() {
            return outage.isPresent();
        }

        @Override
        public Optional<Instant> outageSince() {
            return outage;
        }

        @Override
        public void report(HostReply reply) {
        }
    }

    final Link link = new Link();
    AlertWatch.Queue queue = new AlertWatch.Queue(0, 0);
    List<AlertWatch.StuckReverse> stuck = List.of();
    AlertWatch watch;

    @BeforeEach
    void setUp() {
        journal = Journal.open(dir);
        alerts = new Alerts(journal, events, clock);
        events.subscribe(e -> {
            switch (e) {
                case TerminalEvent.AlertRaised r -> published.add("raised " + r.code());
                case TerminalEvent.AlertCleared c -> published.add("cleared " + c.code());
                default -> { }
            }
        });
        PostermConfig.Offline offline = new PostermConfig.Offline(true, 20_000, 200_000, 50, 72, 3, List.of(),
                List.of(), List.of(), List.of());
        watch = new AlertWatch(link, () -> queue, () -> stuck, offline,
                new PostermConfig.AlertLimits(Duration.ofMinutes(10), 80), alerts, clock);
    }

    @AfterEach
    void tearDown() {
        journal.close();
    }

    private List<String> open() {
        return alerts.open().stream().map(Alert::code).toList();
    }

    @Test
    void aLinkDownLongerThanTheLimitIsRaisedOnceAndClearedWhenItIsBack() {
        link.outage = Optional.of(T0);
        watch.tick();
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        watch.tick();
        assertEquals(List.of(), open(), "not yet: the terminal rides short outages out offline");
        clock.advance(Duration.ofSeconds(1));
        watch.tick();
        clock.advance(Duration.ofMinutes(30));
        watch.tick();
        watch.tick();
        assertEquals(List.of("LINK_DOWN_LONG"), open());
        assertTrue(alerts.open().get(0).detail().orElseThrow().contains("since " + T0), alerts.open().toString());
        link.outage = Optional.empty();
        watch.tick();
        watch.tick();
        assertEquals(List.of(), open());
        assertEquals(List.of("raised LINK_DOWN_LONG", "cleared LINK_DOWN_LONG"), published, "no spam");
    }

    @Test
    void storeAndForwardNearItsCountOrTotalLimitIsRaisedAndClearedWhenForwarded() {
        queue = new AlertWatch.Queue(39, 150_000);
        watch.tick();
        assertEquals(List.of(), open(), "39 of 50 and 150000 of 200000 are under 80 %");
        queue = new AlertWatch.Queue(40, 150_000);
        watch.tick();
        assertEquals(List.of("SAF_NEAR_COUNT"), open());
        queue = new AlertWatch.Queue(41, 160_000);
        watch.tick();
        assertEquals(List.of("SAF_NEAR_COUNT", "SAF_NEAR_TOTAL"), open());
        queue = new AlertWatch.Queue(0, 0);
        watch.tick();
        assertEquals(List.of(), open());
        assertEquals(List.of("raised SAF_NEAR_COUNT", "raised SAF_NEAR_TOTAL", "cleared SAF_NEAR_COUNT",
                "cleared SAF_NEAR_TOTAL"), published);
    }

    @Test
    void aQrReverseThatKeepsFailingIsRaisedUntilItEnds() {
        stuck = List.of(new AlertWatch.StuckReverse("pay-1", "T0000001-000042", 5, Optional.of("TRADE_OVERDUE")));
        watch.tick();
        stuck = List.of(new AlertWatch.StuckReverse("pay-1", "T0000001-000042", 6, Optional.of("TRADE_OVERDUE")));
        watch.tick();
        assertEquals(List.of("QR_REVERSE_STUCK"), open());
        String detail = alerts.open().get(0).detail().orElseThrow();
        assertTrue(detail.contains("pay-1") && detail.contains("TRADE_OVERDUE"), detail);
        stuck = List.of();
        watch.tick();
        assertEquals(List.of(), open());
        assertEquals(List.of("raised QR_REVERSE_STUCK", "cleared QR_REVERSE_STUCK"), published);
    }

    @Test
    void anAlertLeftOpenByTheLastRunIsClearedAtTheFirstLookIfItsConditionIsGone() {
        alerts.raise(Alerts.Kind.LINK_DOWN_LONG, "from before the restart");
        watch.tick();
        assertEquals(List.of(), open());
    }
}
