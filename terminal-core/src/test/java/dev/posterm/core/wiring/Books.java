package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.posterm.simulator.acquirer.Ledger;
import dev.posterm.simulator.acquirer.LedgerEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * The reconciliation a back office does between the terminal's journal and the acquirer's books,
 * payment by payment, by STAN: a payment the register was told went through (APPROVED, or
 * APPROVED_OFFLINE and since advised) is charged exactly once at the host, for its amount; any other
 * has no approval standing for it; and the host holds no charge the journal does not account for.
 */
final class Books {
    static final String TERMINAL = "T0000001";
    private static final Set<String> TOLD_PAID = Set.of("APPROVED", "APPROVED_OFFLINE");

    private Books() {
    }

    /** @param journal the journal file, read (only) once the queues have drained */
    static void assertAgree(Path journal, Ledger ledger) throws SQLException {
        int charges = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + journal + "?mode=ro");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.payment_id, p.state, p.amount, d.stan FROM payments p "
                     + "LEFT JOIN card_details d USING (payment_id) WHERE p.method = 'CARD'")) {
            while (rs.next()) {
                String id = rs.getString(1);
                String state = rs.getString(2);
                long amount = rs.getLong(3);
                int stan = rs.getInt(4);
                assertNotEquals("PENDING", state, id + " never finished");
                List<LedgerEntry> charged = rs.wasNull() ? List.of() : ledger.entries(TERMINAL, String.format("%06d", stan))
                        .stream().filter(e -> e.state() == LedgerEntry.State.APPROVED
                                || e.state() == LedgerEntry.State.ADVISED).toList();
                if (TOLD_PAID.contains(state)) {
                    assertEquals(1, charged.size(), id + " is " + state + " in the journal; at the host: " + charged);
                    assertEquals(amount, charged.get(0).amountMinor(), id + ": the amount charged");
                    charges++;
                } else {
                    assertEquals(List.of(), charged, id + " is " + state + " in the journal, yet charged at the host");
                }
            }
        }
        long standing = ledger.entries().stream().filter(e -> e.state() == LedgerEntry.State.APPROVED
                || e.state() == LedgerEntry.State.ADVISED).count();
        assertEquals(charges, standing, "charges at the host the journal does not account for: " + ledger.entries());
    }
}
