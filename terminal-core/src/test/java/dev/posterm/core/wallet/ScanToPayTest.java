package dev.posterm.core.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.testing.Await;
import dev.posterm.core.testing.ManualClock;
import dev.posterm.drivers.io.TcpTransport;
import dev.posterm.drivers.scanner.ScanResult;
import dev.posterm.drivers.scanner.SerialScanner;
import dev.posterm.simulator.scanner.ScannerSimulator;
import dev.posterm.simulator.wallet.WalletGatewaySimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The layers together over real byte streams: scanner simulator, serial-over-TCP driver, AuthCode, client, gateway. */
class ScanToPayTest {

    @Test
    void aScannedPaymentCodeIsPaidAndAScannedProductBarcodeNeverReachesTheGateway() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T01:30:00Z"));
        try (ScannerSimulator scannerSim = new ScannerSimulator(0).start();
             WalletGatewaySimulator gatewaySim = new WalletGatewaySimulator(0, HttpWalletGatewayTest.MERCHANT,
                     HttpWalletGatewayTest.KEY, clock).start();
             SerialScanner scanner = new SerialScanner(new TcpTransport("127.0.0.1", scannerSim.port()), clock).start()) {
            WalletGateway gateway = HttpWalletGateway.connect(new GatewaySettings(URI.create(gatewaySim.url()),
                    HttpWalletGatewayTest.MERCHANT, HttpWalletGatewayTest.KEY.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(5)), clock);
            Await.until("the scanner connected", scannerSim::connected);

            scannerSim.scan("6901234567892");
            scannerSim.crLf(true);
            scannerSim.scan("2812345678901234");

            String product = assertInstanceOf(ScanResult.Scanned.class, scanner.next(Duration.ofSeconds(5))).scan().text();
            assertInstanceOf(AuthCode.NotAPaymentCode.class, AuthCode.read(product));
            String code = assertInstanceOf(ScanResult.Scanned.class, scanner.next(Duration.ofSeconds(5))).scan().text();
            AuthCode authCode = assertInstanceOf(AuthCode.Valid.class, AuthCode.read(code)).code();
            OutTradeNo no = OutTradeNoMaker.forTerminal("T0000001", clock).nextTrade();

            PayOutcome outcome = gateway.pay(new GatewayCall.Pay(no, 1250, "CNY", authCode, "Noodle Bar", "T0000001"));

            assertInstanceOf(PayOutcome.Paid.class, outcome);
            assertEquals(1, gatewaySim.trades().size());
            assertEquals(1250, gatewaySim.trade(no.value()).held());
            assertTrue(gatewaySim.log().contains("code 28**********1234"), gatewaySim.log().lines().toString());
        }
    }
}
