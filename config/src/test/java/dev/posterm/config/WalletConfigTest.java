package dev.posterm.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** [wallet] and [scanner] as config-keys.md names them, checked like every other section. */
class WalletConfigTest {

    private static final Path ORIGIN = Path.of("/etc/posterm/posterm.toml");
    private static final String KEY = "k3J9-wallet-key-7Qw2xZ";

    @Test
    void withoutWalletThereAreNoQrPaymentsAndNoScanner() throws Exception {
        PostermConfig config = ConfigLoader.parse(ConfigLoaderTest.MINIMAL, ORIGIN);

        assertEquals(Optional.empty(), config.wallet());
        assertEquals(new PostermConfig.Scanner(Optional.empty(), 9_600), config.scanner());
        assertFalse(config.scanner().present());
    }

    @Test
    void walletWithOnlyTheRequiredKeysTakesTheDocumentedDefaults() throws Exception {
        PostermConfig config = ConfigLoader.parse(ConfigLoaderTest.MINIMAL + """
                [wallet]
                url = "https://pay.example.com"
                merchant_id = "1900000109"
                key = "%s"
                """.formatted(KEY), ORIGIN);

        PostermConfig.Wallet wallet = config.wallet().orElseThrow();
        assertEquals(URI.create("https://pay.example.com"), wallet.url());
        assertEquals("1900000109", wallet.merchantId());
        assertEquals(KEY, wallet.key().value());
        assertEquals(Duration.ofMillis(10_000), wallet.timeout());
        assertEquals(Duration.ofMillis(5_000), wallet.queryInterval());
        assertEquals(Duration.ofSeconds(45), wallet.giveUpAfter());
    }

    @Test
    void everyWalletAndScannerKeyGivenLoads() throws Exception {
        PostermConfig config = ConfigLoader.parse(ConfigLoaderTest.MINIMAL + """
                [wallet]
                url = "http://127.0.0.1:9300/gw"
                merchant_id = "M-1"
                key = "%s"
                timeout_ms = 3000
                query_interval_ms = 2000
                give_up_seconds = 30
                [scanner]
                port = "tcp:127.0.0.1:9104"
                baud = 115200
                """.formatted(KEY), ORIGIN);

        assertEquals(new PostermConfig.Wallet(URI.create("http://127.0.0.1:9300/gw"), "M-1",
                new PostermConfig.Secret(KEY), Duration.ofMillis(3_000), Duration.ofMillis(2_000),
                Duration.ofSeconds(30)), config.wallet().orElseThrow());
        assertEquals(new PostermConfig.Scanner(Optional.of("tcp:127.0.0.1:9104"), 115_200), config.scanner());
    }

    @Test
    void theKeyIsNeverPrintedNorReported() throws Exception {
        PostermConfig config = ConfigLoader.parse(ConfigLoaderTest.MINIMAL + """
                [wallet]
                url = "https://pay.example.com"
                merchant_id = "1900000109"
                key = "%s"
                """.formatted(KEY), ORIGIN);
        assertFalse(config.toString().contains(KEY), config.toString());
        assertTrue(config.wallet().orElseThrow().toString().contains("secret, 22 characters"));

        ConfigException shortKey = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                ConfigLoaderTest.MINIMAL + "[wallet]\nurl = \"https://pay.example.com\"\nmerchant_id = \"m\"\n"
                        + "key = \"short key 1\"\n", ORIGIN));
        assertFalse(shortKey.getMessage().contains("short key 1"), shortKey.getMessage());
        assertTrue(shortKey.getMessage().contains("wallet.key: must be 16..256 visible ASCII characters without"
                + " spaces, was 11 characters"), shortKey.getMessage());
    }

    @Test
    void everyWalletProblemIsReportedAtOnceWithItsKeyAndLine() {
        String toml = ConfigLoaderTest.MINIMAL + """
                [wallet]
                url = "http://pay.example.com"
                key = "%s"
                timeout_ms = 500
                query_interval_ms = 45000
                give_up_seconds = 45
                [scanner]
                port = "COM3"
                baud = 9601
                """.formatted(KEY);
        int walletLine = (int) ConfigLoaderTest.MINIMAL.lines().count() + 1;

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(toml, ORIGIN));

        List<String> lines = e.problems().stream().map(p -> p.line() + " " + p.keyPath()).toList();
        assertEquals(List.of(
                (walletLine + 1) + " wallet.url",
                (walletLine + 3) + " wallet.timeout_ms",
                (walletLine + 4) + " wallet.query_interval_ms",
                (walletLine + 7) + " scanner.port",
                (walletLine + 8) + " scanner.baud",
                "0 wallet.merchant_id"), lines, e.getMessage());
        assertTrue(e.getMessage().contains("plain http:// is allowed to a loopback address only"), e.getMessage());
    }

    @Test
    void urlsAreTakenAsWrittenOrRefused() {
        for (String bad : List.of("ftp://pay.example.com", "https://pay.example.com/", "https://u:p@pay.example.com",
                "https://pay.example.com?x=1", "pay.example.com", "http://10.0.0.5:9300", "http://[::2]:80")) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(ConfigLoaderTest.MINIMAL
                    + "[wallet]\nurl = \"" + bad + "\"\nmerchant_id = \"m\"\nkey = \"" + KEY + "\"\n", ORIGIN), bad);
            assertEquals(List.of("wallet.url"), e.problems().stream().map(ConfigProblem::keyPath).toList(), bad);
        }
    }

    @Test
    void plainHttpToLoopbackIsAccepted() throws Exception {
        for (String good : List.of("http://localhost:9300", "http://127.0.0.1:9300", "http://[::1]:9300/base")) {
            PostermConfig config = ConfigLoader.parse(ConfigLoaderTest.MINIMAL
                    + "[wallet]\nurl = \"" + good + "\"\nmerchant_id = \"m\"\nkey = \"" + KEY + "\"\n", ORIGIN);
            assertEquals(URI.create(good), config.wallet().orElseThrow().url());
        }
    }

    @Test
    void unknownWalletKeysAreErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(ConfigLoaderTest.MINIMAL
                + "[wallet]\nurl = \"https://pay.example.com\"\nmerchant_id = \"m\"\nkey = \"" + KEY + "\"\n"
                + "timeout = 5000\n", ORIGIN));
        assertEquals(List.of("wallet.timeout"), e.problems().stream().map(ConfigProblem::keyPath).toList());
    }
}
