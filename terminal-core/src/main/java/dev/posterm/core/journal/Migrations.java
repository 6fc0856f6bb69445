package dev.posterm.core.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.tinylog.Logger;

/**
 * Versioned schema migrations, applied in order inside one transaction each and recorded in
 * {@code PRAGMA user_version}, so a terminal updated in the field upgrades its journal on start
 * and a failed upgrade leaves the old schema whole.
 */
final class Migrations {
    /** Resource names, in order; version N is the Nth entry. Never edit a released one: add a new one. */
    static final List<String> SCRIPTS = List.of("V1__spine.sql", "V2__store_and_forward.sql",
            "V3__advices_set_aside.sql", "V4__reversals_by_original.sql",
            "V5__journal_health.sql", "V6__payment_requests.sql", "V7__payments_by_method.sql",
            "V8__cash_details.sql",
            "V9__qr_details.sql", "V10__batches.sql",
            "V11__tamper.sql", "V12__settlement_files.sql", "V13__voids_refunds.sql",
            "V14__config_bundles.sql");

    private Migrations() {
    }

    static int apply(Connection c) throws SQLException {
        return apply(c, SCRIPTS.size());
    }

    /** Up to version {@code target} only: tests build a journal of an earlier release with it. */
    static int apply(Connection c, int target) throws SQLException {
        int current = userVersion(c);
        if (current > SCRIPTS.size()) {
            throw new SQLException("journal schema version " + current + " is newer than this posterm ("
                    + SCRIPTS.size() + "): refusing to run an older release on it");
        }
        for (int v = current + 1; v <= target; v++) {
            String script = SCRIPTS.get(v - 1);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements(load(script))) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version=" + v);
                c.commit();
                Logger.info("journal migrated to version {} ({})", v, script);
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("migration " + script + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
        return Math.max(current, target);
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String load(String script) throws SQLException {
        try (InputStream in = Migrations.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new SQLException("migration script " + script + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration " + script, e);
        }
    }

    /** Splits on ';' at line ends; our scripts have no triggers or semicolons inside strings. */
    static List<String> statements(String script) {
        StringBuilder cleaned = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) {
                int comment = line.indexOf("--");
                cleaned.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
            }
        }
        return java.util.Arrays.stream(cleaned.toString().split(";\\s*\n"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
