package dev.posterm.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.alerts.Alert;
import dev.posterm.core.status.TerminalStatus;
import dev.posterm.core.testing.ManualClock;
import dev.posterm.drivers.gpio.Pi4jBoard;
import dev.posterm.printer.DrawerOutcome;
import dev.posterm.printer.PrintOutcome;
import dev.posterm.printer.ReceiptPrinter;
import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.status.PrinterStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The service button on Pi4J's mock provider, time on a manual clock, the slip caught as the printer gets it. */
class ServiceButtonTest {
    private static final int PIN = 6;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T09:00:00Z"));
    private final List<ReceiptDocument> printed = new ArrayList<>();

    @Test
    void aLongPressPrintsTheDiagnosticsSlipAndAShortOneNothing() {
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            watch(board, false);

            press(board, Duration.ofMillis(2_999));
            assertEquals(0, printed.size(), "a short press prints nothing");

            press(board, ServiceButton.LONG_PRESS);
            assertEquals(1, printed.size(), "a long press prints one slip");
            String slip = text(printed.get(0));
            for (String expected : List.of("DIAGNOSTICS", "T0000001", "POSTERM|0.9.1", "JAVA|25", "OS|Debian 12",
                    "LINK|ONLINE (NONE)", "SIGNAL|-71 dBm REGISTERED", "OFFLINE QUEUE|2, 3500 (minor units)",
                    "ALERTS|1", "  PRINTER_NOT_READY", "eth0 192.168.1.20", "PRINTED|2026-12-03 09:00:06")) {
                assertTrue(slip.contains(expected), expected + " missing from:\n" + slip);
            }
            assertEquals(ReceiptDocument.Script.LATIN, printed.get(0).script());
        }
    }

    @Test
    void theSlipIsInChineseWhereTheTerminalIsSetSo() {
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            watch(board, true);
            press(board, Duration.ofSeconds(4));

            String slip = text(printed.get(0));
            assertEquals(ReceiptDocument.Script.CHINESE, printed.get(0).script());
            assertTrue(slip.contains("诊断信息") && slip.contains("离线待上送|2, 3500") && slip.contains("告警|1"), slip);
        }
    }

    private void watch(Pi4jBoard board, boolean chinese) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("posterm", "0.9.1");
        versions.put("java", "25");
        versions.put("os", "Debian 12");
        ServiceButton.watch(board.input(ServiceButton.line(PIN)), clock, () -> DiagnosticSlip.of(status(), versions,
                List.of("eth0 192.168.1.20"), chinese, clock.instant(), ZoneOffset.UTC), printer(), Runnable::run);
    }

    private void press(Pi4jBoard board, Duration held) {
        board.simulate(PIN, true);
        clock.advance(held);
        board.simulate(PIN, false);
        clock.advance(Duration.ofSeconds(1));
    }

    private TerminalStatus status() {
        Instant t = clock.instant();
        return new TerminalStatus("T0000001", "0.9.1", t,
                new TerminalStatus.Link("ONLINE", t, "echo answered", Optional.of(new TerminalStatus.Modem(
                        Optional.of(-71), "REGISTERED"))),
                new TerminalStatus.Devices(new TerminalStatus.Device("OK", "ready"),
                        new TerminalStatus.Device("OK", "ready"), "OK"),
                new TerminalStatus.StoreAndForward(2, 3500, Optional.of(t)), 0,
                List.of(new Alert("PRINTER_NOT_READY", "paper", "缺纸", t)),
                null, new TerminalStatus.Reversals(0, 0, Optional.empty()));
    }

    /** Each line as the test reads it: a pair as "LABEL|value". */
    private static String text(ReceiptDocument d) {
        return d.lines().stream().map(l -> switch (l) {
            case ReceiptDocument.Text t -> t.text();
            case ReceiptDocument.Pair p -> p.label() + "|" + p.value();
            case ReceiptDocument.Rule r -> "----";
            case ReceiptDocument.Blank b -> "";
        }).collect(Collectors.joining("\n"));
    }

    private ReceiptPrinter printer() {
        return new ReceiptPrinter() {
            @Override
            public void connect() {
            }

            @Override
            public PrinterStatus status() {
                throw new UnsupportedOperationException("not asked by the service button");
            }

            @Override
            public PrintOutcome print(ReceiptDocument document) {
                printed.add(document);
                return new PrintOutcome.Printed(100);
            }

            @Override
            public DrawerOutcome openDrawer() {
                return new DrawerOutcome.NotKicked("no drawer here");
            }

            @Override
            public void close() {
            }
        };
    }
}
