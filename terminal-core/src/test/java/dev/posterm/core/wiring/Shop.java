package dev.posterm.core.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.core.testing.Await;
import dev.posterm.simulator.acquirer.AcquirerSimulator;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.modem.ModemSimulator;
import dev.posterm.simulator.printer.PrinterSimulator;
import dev.posterm.simulator.reader.ReaderSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A shop counter for end-to-end tests: the four device simulators on loopback TCP (raw serial over
 * TCP for the reader, printer and modem; ISO 8583 for the acquirer), a config file naming them,
 * and the real controller built from that file. The test plays the cash register over HTTP.
 */
final class Shop implements AutoCloseable {
    static final String CASHIER = "test-cashier-token-0001";
    static final String BACKOFFICE = "test-backoffice-token-0001";
    /** terminal.support_contact of the shop's terminal. */
    static final String SUPPORT = "400-800-1234";
    /** gpio.tamper and gpio.service_button: inputs on the mock provider, moved with {@link #gpio()}. */
    static final int TAMPER_PIN = 5;
    static final int SERVICE_BUTTON_PIN = 6;

    final AcquirerSimulator acquirer;
    ReaderSimulator reader;
    final PrinterSimulator printer;
    final ModemSimulator modem;
    final Path dataDir;
    final Path configFile;
    final int apiPort;
    private PseudoTerminal readerTty;
    private PseudoTerminal printerTty;
    private String readerPort;
    private String printerPort;
    Controller controller;
    final CashRegister register;

    private final int echoSeconds;
    private int hostTimeoutMs = 1500;
    private final String extraToml;

    Shop(Path dir, String locale) throws Exception {
        this(dir, locale, false, true, 3600, "");
    }

    /**
     * For the link and store-and-forward tests: echo tests every 5 s (the shortest allowed), so the
     * link monitor sees outages and returns within seconds; {@code extraToml}: more sections, such
     * as {@code [saf]} or {@code [offline]}.
     */
    static Shop watchingTheLink(Path dir, String extraToml) throws Exception {
        return new Shop(dir, "en", false, true, 5, extraToml);
    }

    /** The controller started, with more sections in its config ({@code [wallet]}, {@code [scanner]}). */
    static Shop with(Path dir, String extraToml) throws Exception {
        return new Shop(dir, "en", false, true, 3600, extraToml);
    }

    /** As {@link #with(Path, String)}, with {@code host.timeout_ms} set (a host that answers late, yet in time). */
    static Shop with(Path dir, String extraToml, int hostTimeoutMs) throws Exception {
        Shop shop = new Shop(dir, "en", false, false, 3600, extraToml);
        shop.hostTimeoutMs = hostTimeoutMs;
        Files.writeString(shop.configFile, shop.config("en"));
        shop.open();
        return shop;
    }

    /** {@code serialDevices}: the reader and printer on pseudo-terminal device paths instead of tcp:. */
    /** The simulators and the config file, for a controller the test starts itself (a real process). */
    static Shop withoutController(Path dir) throws Exception {
        return new Shop(dir, "en", false, false, 3600, "");
    }

    /** As {@link #withoutController(Path)}, with {@code host.timeout_ms} set (the spec's default is 30000). */
    static Shop withoutController(Path dir, int hostTimeoutMs) throws Exception {
        Shop shop = new Shop(dir, "en", false, false, 3600, "");
        shop.hostTimeoutMs = hostTimeoutMs;
        Files.writeString(shop.configFile, shop.config("en"));
        return shop;
    }

    Shop(Path dir, String locale, boolean serialDevices) throws Exception {
        this(dir, locale, serialDevices, true, 3600, "");
    }

    private Shop(Path dir, String locale, boolean serialDevices, boolean startController, int echoSeconds,
                 String extraToml) throws Exception {
        this.echoSeconds = echoSeconds;
        this.extraToml = extraToml;
        acquirer = new AcquirerSimulator().start();
        reader = new ReaderSimulator().start();
        printer = new PrinterSimulator().start();
        modem = new ModemSimulator().start();
        dataDir = dir.resolve("data");
        apiPort = freePort();
        configFile = dir.resolve("posterm.toml");
        if (serialDevices) {
            readerTty = PseudoTerminal.bridgeTo(reader.port(), dir.resolve("ttyReader"));
            printerTty = PseudoTerminal.bridgeTo(printer.port(), dir.resolve("ttyPrinter"));
            readerPort = readerTty.link.toString();
            printerPort = printerTty.link.toString();
        } else {
            readerPort = "tcp:127.0.0.1:" + reader.port();
            printerPort = "tcp:127.0.0.1:" + printer.port();
        }
        Files.writeString(configFile, config(locale));
        register = new CashRegister(URI.create("http://127.0.0.1:" + apiPort + "/api/v1"), CASHIER);
        if (startController) {
            open();
        }
    }

    /** Starts the controller (again, after {@link #stopController()}). */
    void open() throws Exception {
        PostermConfig cfg = ConfigLoader.load(configFile);
        controller = Controller.start(cfg);
    }

    /** The running controller's GPIO (the mock provider): {@code gpio().simulate(TAMPER_PIN, true)} opens the case. */
    dev.posterm.drivers.gpio.Pi4jBoard gpio() {
        return (dev.posterm.drivers.gpio.Pi4jBoard) controller.board();
    }

    void stopController() {
        controller.close();
    }

    String config(String locale) {
        return """
                [terminal]
                id = "T0000001"
                merchant_id = "M00000000000001"
                currency = "CNY"
                locale = "%s"
                merchant_name = "Test Shop"
                support_contact = "%s"
                [data]
                dir = "%s"
                [host]
                address = "127.0.0.1:%d"
                timeout_ms = %d
                [reader]
                port = "%s"
                [printer]
                port = "%s"
                [modem]
                port = "tcp:127.0.0.1:%d"
                [api]
                listen = "127.0.0.1:%d"
                cashier_token = "%s"
                backoffice_token = "%s"
                [gpio]
                provider = "mock"
                modem_power_key = 24
                tamper = %s
                service_button = %s
                [link]
                echo_interval_seconds = %d
                [log]
                level = "debug"
                """.formatted(locale, SUPPORT, dataDir.toAbsolutePath(), acquirer.port(), hostTimeoutMs, readerPort, printerPort,
                modem.port(), apiPort, CASHIER, BACKOFFICE, TAMPER_PIN, SERVICE_BUTTON_PIN, echoSeconds) + extraToml;
    }

    /** Creates an order and pays it by card, as a register does; returns the payment once final. */
    JsonNode sell(String orderId, long amount) throws IOException {
        return sell(orderId, amount, "PREFER_ONLINE");
    }

    /** {@code offlineBehavior}: PREFER_ONLINE, REQUIRE_ONLINE or FORCE_OFFLINE. */
    JsonNode sell(String orderId, long amount, String offlineBehavior) throws IOException {
        CashRegister.Answer order = register.createOrder(orderId, amount, "CNY", "test sale");
        if (order.status() != 201) {
            throw new AssertionError("order not created: " + order.status() + " " + order.body());
        }
        CashRegister.Answer started = register.payByCard(orderId, offlineBehavior);
        if (started.status() != 202) {
            throw new AssertionError("payment not started: " + started.status() + " " + started.body());
        }
        CashRegister.Answer done = register.awaitPayment(started.text("paymentId"), 30);
        if (done.status() != 200 || "PENDING".equals(done.text("state"))) {
            throw new AssertionError("payment did not finish: " + done.status() + " " + done.body());
        }
        return done.body();
    }

    JsonNode status() throws IOException {
        return register.status().body();
    }

    /** Waits up to {@code limit} for {@code condition}; the tests' only waiting, bounded (see {@link Await}). */
    static void await(Duration limit, String what, Check condition) throws Exception {
        Await.until(limit, what, condition::holds);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (controller != null) {
            controller.close();
        }
        if (readerTty != null) {
            readerTty.close();
            printerTty.close();
        }
        acquirer.close();
        reader.close();
        printer.close();
        modem.close();
    }
}
