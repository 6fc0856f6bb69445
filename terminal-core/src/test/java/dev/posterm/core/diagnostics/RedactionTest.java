package dev.posterm.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void everySecretBecomesStarsAndEverythingElseKeepsItsLine() {
        String toml = """
                # the shop's terminal
                [api]
                listen = "127.0.0.1:8780"
                cashier_token = "c-123"   # the register's
                  backoffice_token="b-456"
                tls_key = "/etc/posterm/api.key"
                [wallet]
                url = "https://pay.example.com"
                key = 'k-789'
                "merchant_secret" = "s"
                [gpio]
                modem_power_key = 24
                [host]
                tls = true
                """;

        assertEquals("""
                # the shop's terminal
                [api]
                listen = "127.0.0.1:8780"
                cashier_token = "***"
                  backoffice_token="***"
                tls_key = "***"
                [wallet]
                url = "https://pay.example.com"
                key = "***"
                "merchant_secret" = "***"
                [gpio]
                modem_power_key = 24
                [host]
                tls = true
                """, Redaction.of(toml));
    }
}
