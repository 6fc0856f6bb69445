package dev.posterm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.OrderRow;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SafCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTechnicianSeesTheQueueMaskedWithItsTotal() throws Exception {
        Path data = dir.resolve("data");
        try (Journal journal = Journal.open(data)) {
            Instant now = Instant.now();
            journal.inTransaction(c -> {
                OrderTable.insert(c, new OrderRow("o-1", 3500, "CNY", Optional.empty(), dev.posterm.core.payment.OrderState.PAID, now, now, now));
                PaymentTable.save(c, PaymentRow.sale("pay-1", "o-1", dev.posterm.core.payment.PaymentMethod.CARD, new dev.posterm.core.payment.Money(3500, "CNY"), Optional.empty(), now),
                        "test");
                AdviceTable.queueTentative(c, 7, "pay-1", 3500, "2026-11-22T16:00:01", "CHIP", "A".repeat(64),
                        "************0119", new byte[] {1, 2, 3}, "Y31234", now);
                AdviceTable.confirm(c, "pay-1");
                return null;
            });
        }
        Path config = dir.resolve("posterm.toml");
        String example = new String(getClass().getResourceAsStream("/dev/posterm/config/example.toml").readAllBytes(),
                StandardCharsets.UTF_8).replace("dir = \"/var/lib/posterm\"", "dir = \"data\"");
        Files.writeString(config, example);

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new Posterm()).execute("saf", "--config", config.toString());
        } finally {
            System.setOut(original);
        }

        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        assertTrue(text.contains("000007"), text);
        assertTrue(text.contains("CNY 35.00"), text);
        assertTrue(text.contains("************0119"), text);
        assertTrue(text.contains("1 waiting for the bank, CNY 35.00 in all"), text);
        assertFalse(text.contains("AAAA"), "the card hash is not shown");
    }

    @Test
    void aSetAsideSaleIsListedWithItsAmountStateAndReasonAndCountedApart() throws Exception {
        Path data = dir.resolve("data");
        try (Journal journal = Journal.open(data)) {
            Instant now = Instant.now();
            journal.inTransaction(c -> {
                for (int i = 1; i <= 2; i++) {
                    OrderTable.insert(c, new OrderRow("o-" + i, 1000L * i, "CNY", Optional.empty(), dev.posterm.core.payment.OrderState.PAID, now, now, now));
                    PaymentTable.save(c, PaymentRow.sale("pay-" + i, "o-" + i, dev.posterm.core.payment.PaymentMethod.CARD,
                            new dev.posterm.core.payment.Money(1000L * i, "CNY"), Optional.empty(), now), "test");
                    AdviceTable.queueTentative(c, 10 + i, "pay-" + i, 1000L * i, "2026-11-22T16:00:01", "CHIP",
                            "A".repeat(64), "************0119", new byte[] {1, 2, 3}, "Y31234", now.plusMillis(i));
                    AdviceTable.confirm(c, "pay-" + i);
                }
                long first = AdviceTable.all(c).get(0).id();
                AdviceTable.setAside(c, first, "UNREADABLE", "sealed card data for payment pay-1 does not open");
                return null;
            });
        }
        String text = run();

        assertTrue(text.contains("000011"), text);
        assertTrue(text.contains("UNREADABLE"), text);
        assertTrue(text.contains("does not open"), "the reason is on the line: " + text);
        assertTrue(text.contains("1 waiting for the bank, CNY 20.00 in all"), text);
        assertTrue(text.contains("1 set aside (UNREADABLE or LOST), CNY 10.00 in all"), text);
    }

    private String run() throws Exception {
        Path config = dir.resolve("posterm.toml");
        String example = new String(getClass().getResourceAsStream("/dev/posterm/config/example.toml").readAllBytes(),
                StandardCharsets.UTF_8).replace("dir = \"/var/lib/posterm\"", "dir = \"data\"");
        Files.writeString(config, example);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Posterm()).execute("saf", "--config", config.toString());
            assertEquals(0, exit);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
