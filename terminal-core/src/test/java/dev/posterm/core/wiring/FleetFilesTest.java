package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules and the dashboard of docs/fleet.md are files a chain loads as they are: the
 * rules must pass {@code promtool check rules} (run where Debian's prometheus package put it; CI
 * does not install it, so the test is skipped there, saying so), and the dashboard must be JSON
 * Grafana can import. That every name they use is exported: {@link MetricsEndToEndTest}.
 */
class FleetFilesTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void promtoolAcceptsTheAlertingRules() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROMTOOL),
                "promtool is not installed (Debian: apt-get install prometheus): rules not checked");
        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", FleetFiles.RULES.toString())
                .redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, check.exitValue(), said);
        long alerts = Files.readAllLines(FleetFiles.RULES).stream().filter(l -> l.strip().startsWith("- alert:")).count();
        assertTrue(said.contains("SUCCESS: " + alerts + " rules found"), said);
    }

    @Test
    void theRulesNameTheFourAlertsTheChainAskedFor() throws Exception {
        String rules = Files.readString(FleetFiles.RULES);
        for (String alert : new String[] {"PostermTerminalOffline", "PostermAdvicesNearExpiry", "PostermPaperOut",
                "PostermReversalStuck"}) {
            assertTrue(rules.contains("- alert: " + alert + "\n"), alert);
        }
    }

    @Test
    void theDashboardIsJsonWithAQueryInEveryPanel() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(FleetFiles.DASHBOARD.toFile());
        assertEquals("posterm-terminals", dashboard.path("uid").asText());
        assertTrue(dashboard.path("panels").size() >= 10, "panels");
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(!panel.path("targets").path(0).path("expr").asText().isEmpty(), panel.path("title").asText());
        }
    }
}
