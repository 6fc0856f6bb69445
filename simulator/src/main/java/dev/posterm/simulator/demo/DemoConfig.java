package dev.posterm.simulator.demo;

import java.nio.file.Path;

/** The demo's config file: the keys of {@code shared/specs/config-keys.md}, pointing at the simulators. */
final class DemoConfig {
    static final String WALLET_MERCHANT = "1900000109";
    static final String WALLET_KEY = "posterm-demo-wallet-key-0001";

    private DemoConfig() {
    }

    /** The [wallet] section: the wallet gateway simulator, queried every second while a customer confirms. */
    static String wallet(String url) {
        return """

                [wallet]
                url = "%s"
                merchant_id = "%s"
                key = "%s"
                timeout_ms = 3000
                query_interval_ms = 1000
                give_up_seconds = 30
                """.formatted(url, WALLET_MERCHANT, WALLET_KEY);
    }

    static String toml(String locale, Path dataDir, int acquirer, int reader, int printer, int modem, int api,
                       String cashierToken, String backofficeToken) {
        return """
                # Written by posterm demo: the controller wired to simulators on loopback.
                [terminal]
                id = "T0000001"
                merchant_id = "M00000000000001"
                currency = "CNY"
                locale = "%s"
                merchant_name = "posterm demo shop"

                [data]
                dir = "%s"

                [host]
                address = "127.0.0.1:%d"
                tls = false
                timeout_ms = 3000

                [reader]
                port = "tcp:127.0.0.1:%d"

                [printer]
                port = "tcp:127.0.0.1:%d"

                [modem]
                port = "tcp:127.0.0.1:%d"

                [api]
                listen = "127.0.0.1:%d"
                cashier_token = "%s"
                backoffice_token = "%s"

                [gpio]
                provider = "mock"
                """.formatted(locale, dataDir.toAbsolutePath(), acquirer, reader, printer, modem, api, cashierToken,
                backofficeToken);
    }
}
