package dev.posterm.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/config shows every key of the running configuration and no secret. */
class RedactedConfigTest {
    private static final String CASHIER = "cashier-secret-0123456";
    private static final String BACKOFFICE = "office-secret-0123456";
    private static final String WALLET_KEY = "k3J9-wallet-key-7Qw2xZ";

    @Test
    void tokensTheWalletKeyAndKeyFilesAreHiddenEverythingElseIsShown() throws Exception {
        PostermConfig config = ConfigLoader.parse("""
                [terminal]
                id = "T0000001"
                merchant_id = "M00000000000001"
                currency = "CNY"
                [data]
                dir = "/var/lib/posterm"
                [host]
                address = "127.0.0.1:9000"
                [reader]
                port = "/dev/ttyUSB0"
                [printer]
                port = "/dev/ttyUSB1"
                [api]
                cashier_token = "%s"
                backoffice_token = "%s"
                [wallet]
                url = "https://pay.example.com"
                merchant_id = "1900000109"
                key = "%s"
                [gpio]
                modem_power_key = 24
                """.formatted(CASHIER, BACKOFFICE, WALLET_KEY), Path.of("/etc/posterm/posterm.toml"));

        Map<String, Object> shown = RedactedConfig.of(config);
        String json = JsonMapper.builder().build().writeValueAsString(shown);

        assertFalse(json.contains(CASHIER) || json.contains(BACKOFFICE) || json.contains(WALLET_KEY), json);
        assertEquals("***", ((Map<?, ?>) shown.get("api")).get("cashier_token"));
        assertEquals("***", ((Map<?, ?>) shown.get("api")).get("backoffice_token"));
        assertEquals("***", ((Map<?, ?>) shown.get("wallet")).get("key"));
        assertEquals("1900000109", ((Map<?, ?>) shown.get("wallet")).get("merchant_id"));
        assertEquals("T0000001", ((Map<?, ?>) shown.get("terminal")).get("id"));
        assertEquals("/dev/ttyUSB0", ((Map<?, ?>) shown.get("reader")).get("port"));
        assertEquals(24, ((Map<?, ?>) shown.get("gpio")).get("modem_power_key"), "a pin number is no secret");
    }
}
