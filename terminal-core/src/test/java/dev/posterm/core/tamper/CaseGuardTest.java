package dev.posterm.core.tamper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.TamperTable;
import dev.posterm.core.saf.StoreAndForward;
import dev.posterm.core.testing.ManualClock;
import dev.posterm.core.vault.CardVault;
import dev.posterm.core.vault.VaultException;
import dev.posterm.drivers.gpio.Pi4jBoard;
import dev.posterm.drivers.reader.Pan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard on a real journal and real key files, the case switch on Pi4J's mock provider. */
class CaseGuardTest {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    @TempDir
    Path dataDir;
    final ManualClock clock = new ManualClock(T0);

    @Test
    void aCaseAlreadyOpenAtStartTripsAtOnceAndARestartStaysTamperedWithoutMakingKeys() throws Exception {
        try (Journal journal = Journal.open(dataDir); Pi4jBoard board = Pi4jBoard.mock()) {
            Alerts alerts = new Alerts(journal, new EventHub(), clock);
            CaseGuard guard = CaseGuard.open(journal, alerts, dataDir, clock);
            CardVault vault = guard.vault();
            assertFalse(guard.tampered());
            var caseSwitch = board.input(CaseGuard.caseSwitch(5));
            board.simulate(5, true);   // opened while posterm was stopped

            guard.watch(caseSwitch, advices(journal, alerts, vault));

            assertTrue(guard.tampered());
            assertEquals(0, keyFiles());
            assertThrows(VaultException.class, () -> vault.hash(Pan.of("4761739001010119")), "the vault forgot too");
            TamperTable.Event event = journal.read(TamperTable::latest).orElseThrow();
            assertEquals(TamperTable.TAMPERED, event.kind());
            assertEquals(T0, event.at());
            assertEquals("the case was open when posterm started", event.detail());
            assertTrue(alerts.open().stream().anyMatch(a -> a.code().equals("TERMINAL_TAMPERED")));
        }
        CardVault.open(dataDir);   // someone puts keys back
        try (Journal journal = Journal.open(dataDir)) {
            CaseGuard again = CaseGuard.open(journal, new Alerts(journal, new EventHub(), clock), dataDir, clock);

            assertTrue(again.tampered(), "kept across a restart");
            assertEquals(0, keyFiles(), "keys put back are destroyed again");
            assertFalse(again.vault().createdDataKey(), "no key made by itself");
            assertEquals(0, keyFiles());

            assertInstanceOf(Provisioning.Outcome.Provisioned.class, Provisioning.run(journal, dataDir, clock));
            assertEquals(2, keyFiles());
            assertFalse(CaseGuard.open(journal, new Alerts(journal, new EventHub(), clock), dataDir, clock).tampered());
            assertInstanceOf(Provisioning.Outcome.NotTampered.class, Provisioning.run(journal, dataDir, clock),
                    "a second provisioning leaves the new keys alone");
        }
    }

    @Test
    void aBounceOfTheSwitchTripsOnceAndClosingItAgainChangesNothing() throws Exception {
        try (Journal journal = Journal.open(dataDir); Pi4jBoard board = Pi4jBoard.mock()) {
            Alerts alerts = new Alerts(journal, new EventHub(), clock);
            CaseGuard guard = CaseGuard.open(journal, alerts, dataDir, clock);
            CardVault vault = guard.vault();
            guard.watch(board.input(CaseGuard.caseSwitch(5)), advices(journal, alerts, vault));
            assertFalse(guard.tampered(), "a shut case");
            assertEquals(2, keyFiles());

            board.simulate(5, true);
            clock.advance(Duration.ofSeconds(1));
            board.simulate(5, false);
            board.simulate(5, true);

            assertTrue(guard.tampered());
            assertEquals(1, journal.read(TamperTable::all).size(), "one event");
        }
    }

    /** Store-and-forward as the guard uses it: only its journal and alerts (nothing waits here). */
    private StoreAndForward advices(Journal journal, Alerts alerts, CardVault vault) {
        return new StoreAndForward(journal, null, null, vault, null, alerts, new EventHub(), clock,
                Duration.ofSeconds(30), null, Duration.ofHours(72));
    }

    private long keyFiles() throws Exception {
        Path keys = dataDir.resolve("keys");
        if (!Files.exists(keys)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(keys)) {
            return files.count();
        }
    }
}
