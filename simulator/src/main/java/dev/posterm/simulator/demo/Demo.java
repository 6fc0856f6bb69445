package dev.posterm.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.acquirer.AcquirerSimulator;
import dev.posterm.simulator.acquirer.LedgerEntry;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.modem.ModemSimulator;
import dev.posterm.simulator.printer.PrinterSimulator;
import dev.posterm.simulator.printer.Slip;
import dev.posterm.simulator.reader.CardScript;
import dev.posterm.simulator.reader.ReaderSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/posterm demo}: a short shift at a simulated counter. Starts the card reader,
 * printer, modem and acquirer simulators on loopback, starts the real controller as a child
 * process wired to them by a config file in a fresh data directory, and plays the cash register:
 * approved sales, a bank decline, a card decline, a bank that does not answer (reversed), a
 * printer that runs out of paper; then a QR payment waiting for the customer's confirmation, a cash
 * sale with change and the drawer kick, and an order left unpaid that lapses by itself ({@link PaymentScenes}). Prints each step, each slip as the printer decoded it, and a
 * summary; exits 0 only if posterm did what a cashier would expect at every step.
 */
@Command(name = "posterm demo", mixinStandardHelpOptions = true,
        description = "A short shift against simulated devices, with the real controller.")
public final class Demo implements Callable<Integer> {
    static final String CASHIER_TOKEN = "demo-cashier-token";
    static final String BACKOFFICE_TOKEN = "demo-backoffice-token";

    @Option(names = "--locale", defaultValue = "zh-CN", description = "receipt language: zh-CN or en (default ${DEFAULT-VALUE})")
    String locale;

    @Option(names = "--data", description = "data directory (default: a fresh temporary one)")
    Path data;

    private final PrintStream out;
    private final List<String> problems = new ArrayList<>();

    public Demo() {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    Demo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Demo()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? Files.createDirectories(data) : Files.createTempDirectory("posterm-demo-");
        out.println("posterm demo: a short shift at a simulated counter");
        out.println("  data directory: " + dir);
        try (Counter counter = Counter.open(dir, locale, out)) {
            out.println("  simulators: " + counter.describe());
            out.println("  starting the controller (posterm run --config " + counter.config + ") ...");
            if (!counter.controller.awaitReady(counter.api.resolve("api/v1/status"), CASHIER_TOKEN, Duration.ofSeconds(90))) {
                out.println("  the controller did not become ready; its output is in " + counter.controller.output());
                return 1;
            }
            out.println("  controller ready (pid " + counter.controller.pid() + "), log: " + counter.controller.output());
            out.println();
            List<String> results = new ArrayList<>();
            int n = 1;
            out.println("Part one: an ordinary morning");
            out.println("-----------------------------");
            List<Shift.Sale> morning = Shift.sales("demo-" + Long.toString(System.currentTimeMillis() % 100000, 36));
            for (Shift.Sale sale : morning) {
                results.add(new Step(counter, out, problems).sell(n++, sale));
            }
            results.add(new RefundScene(counter, out, problems).refundPartOf(morning.get(0)));
            out.println("Part two: the acquirer goes down (its server stops answering)");
            out.println("------------------------------------------------------------");
            counter.acquirer.down();
            for (Shift.Sale sale : Shift.outage("demo-" + Long.toString(System.currentTimeMillis() % 100000, 36))) {
                results.add(new Step(counter, out, problems).sell(n++, sale));
            }
            hostComesBack(counter);
            PaymentScenes scenes = new PaymentScenes(counter, out, problems);
            String more = "demo-" + Long.toString(System.currentTimeMillis() % 100000, 36);
            out.println("Part three: every way a customer pays");
            out.println("-------------------------------------");
            results.add(scenes.qrWaitsForTheCustomer(n++, more + "-qr"));
            results.add(scenes.cashWithChange(n++, more + "-cash"));
            results.add(scenes.orderLeftUnpaidExpires(n++, more + "-unpaid"));
            out.println();
            summary(counter, results);
            new ShiftEnd(counter, out, problems).run();
            int code = counter.controller.stop(Duration.ofSeconds(15));
            // 143 = 128 + SIGTERM: the JVM's exit after its shutdown hooks ran, as under systemd.
            out.println(code < 0 ? "the controller did not stop within 15 s and was killed"
                    : code == 143 ? "controller stopped cleanly on SIGTERM" : "controller stopped (exit " + code + ")");
            if (code < 0) {
                problems.add("the controller did not stop within 15 s of SIGTERM");
            }
        }
        if (!problems.isEmpty()) {
            out.println();
            out.println("The demo found problems:");
            problems.forEach(p -> out.println("  - " + p));
            return 1;
        }
        return 0;
    }

    /** The acquirer is back: every offline sale must reach it once, without anyone pressing a button. */
    private void hostComesBack(Counter counter) throws IOException, InterruptedException {
        JsonNode before = counter.register.status().body();
        out.println("The acquirer is back. Held offline: " + before.path("storeAndForward").path("count").asInt()
                + " sales; link " + before.path("link").path("state").asText() + " ("
                + before.path("link").path("reason").asText() + ")");
        counter.acquirer.up();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int left = -1;
        while (System.nanoTime() < deadline) {
            left = counter.register.status().body().path("storeAndForward").path("count").asInt(-1);
            if (left == 0) {
                break;
            }
            Thread.sleep(250);
        }
        while (System.nanoTime() < deadline
                && !"ONLINE".equals(counter.register.status().body().path("link").path("state").asText())) {
            Thread.sleep(250);
        }
        long advised = counter.acquirer.ledger().entries().stream().filter(e -> e.mti().equals("0220")).count();
        long repeats = counter.acquirer.ledger().messageCounts().getOrDefault("0221", 0);
        out.println("  store-and-forward: " + advised + " advices accepted by the host (0220, " + repeats
                + " repeats), " + Math.max(left, 0) + " left");
        if (left != 0) {
            problems.add("offline sales were not all forwarded within 60 s of the host coming back");
        }
        if (advised != 4) {
            problems.add("the host holds " + advised + " advices, expected exactly 4 (one per offline sale)");
        }
        out.println();
    }

    private void summary(Counter counter, List<String> results) throws IOException {
        out.println("Summary");
        out.println("-------");
        results.forEach(r -> out.println("  " + r));
        List<LedgerEntry> ledger = counter.acquirer.ledger().entries();
        // Sales only (processing code 000000): the refund scene's refund is the bank's too, but not a sale.
        long approved = ledger.stream().filter(e -> e.processingCode().equals("000000") && (e.state() == LedgerEntry.State.APPROVED
                || e.state() == LedgerEntry.State.ADVISED)).count();
        long total = ledger.stream().filter(e -> e.processingCode().equals("000000") && (e.state() == LedgerEntry.State.APPROVED
                || e.state() == LedgerEntry.State.ADVISED)).mapToLong(LedgerEntry::amountMinor).sum();
        out.printf("  acquirer: %d sales charged (online and advised), CNY %d.%02d; messages %s%n", approved,
                total / 100, total % 100, counter.acquirer.ledger().messageCounts());
        out.println("  printer: " + counter.printer.slips().size() + " slips");
        JsonNode status = counter.register.status().body();
        out.println("  status: link " + status.path("link").path("state").asText() + ", pending reversals "
                + status.path("pendingReversals").asInt() + ", open alerts " + status.path("alerts").size()
                + ", batch " + status.path("openBatch").path("saleCount").asInt() + " sales");
        JsonNode modem = status.path("link").path("modem");
        if (!modem.isMissingNode()) {
            out.println("  modem: " + modem.path("registration").asText("?") + ", signal "
                    + modem.path("signalDbm").asText("?") + " dBm");
        }
        if (status.path("pendingReversals").asInt() != 0) {
            problems.add("a reversal is still pending at the end of the shift");
        }
        out.println();
    }

    /** The simulated counter and the controller process wired to it. */
    static final class Counter implements AutoCloseable {
        final AcquirerSimulator acquirer;
        final ReaderSimulator reader;
        final PrinterSimulator printer;
        final ModemSimulator modem;
        final dev.posterm.simulator.wallet.WalletGatewaySimulator wallet;
        final Path config;
        final URI api;
        final CashRegister register;
        final ControllerProcess controller;

        private Counter(Path dir, String locale) throws IOException {
            acquirer = new AcquirerSimulator().start();
            reader = new ReaderSimulator().start();
            printer = new PrinterSimulator().start();
            modem = new ModemSimulator().start();
            wallet = new dev.posterm.simulator.wallet.WalletGatewaySimulator(0, DemoConfig.WALLET_MERCHANT,
                    DemoConfig.WALLET_KEY, java.time.Clock.systemUTC()).start();
            int apiPort = freePort();
            api = URI.create("http://127.0.0.1:" + apiPort + "/");
            config = dir.resolve("posterm.toml");
            Files.writeString(config, DemoConfig.toml(locale, dir.resolve("data"), acquirer.port(), reader.port(),
                    printer.port(), modem.port(), apiPort, CASHIER_TOKEN, BACKOFFICE_TOKEN)
                    + DemoConfig.wallet(wallet.url()));
            register = new CashRegister(api.resolve("api/v1"), CASHIER_TOKEN);
            controller = ControllerProcess.start(config, dir.resolve("controller.log"));
        }

        static Counter open(Path dir, String locale, PrintStream out) throws IOException {
            return new Counter(dir, locale);
        }

        String describe() {
            return "acquirer 127.0.0.1:" + acquirer.port() + ", reader tcp:127.0.0.1:" + reader.port()
                    + ", printer tcp:127.0.0.1:" + printer.port() + ", modem tcp:127.0.0.1:" + modem.port()
                    + ", wallet gateway " + wallet.url();
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }

        @Override
        public void close() {
            controller.close();
            acquirer.close();
            reader.close();
            printer.close();
            modem.close();
            wallet.close();
        }
    }

    static CardScript card(Shift.Card card, Shift.Twist twist) {
        CardScript script = switch (card) {
            case VISA_CHIP -> CardScript.onlineChip();
            case UNIONPAY_CONTACTLESS -> CardScript.contactless().withPan(CardScript.UNIONPAY_PAN);
            case MASTERCARD_CHIP -> CardScript.onlineChip().withPan(CardScript.MASTERCARD_PAN);
        };
        return twist == Shift.Twist.CARD_DECLINES ? CardScript.cardDeclines() : script;
    }

    static void printSlip(PrintStream out, Slip slip) {
        int width = Math.max(42, slip.lines().stream().mapToInt(Demo::columns).max().orElse(10));
        out.println("      +" + "-".repeat(width + 2) + "+");
        for (var line : slip.printedLines()) {
            int free = width - columns(line.text());
            int left = line.align() == 1 ? free / 2 : line.align() == 2 ? free : 0;
            out.println("      | " + " ".repeat(left) + line.text() + " ".repeat(free - left) + " |");
        }
        out.println("      +" + "-".repeat(width + 2) + "+");
    }

    /** Terminal columns: CJK characters take two. */
    static int columns(String s) {
        return s.codePoints().map(c -> c >= 0x1100 && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN
                && c > 0x2E80 ? 2 : 1).sum();
    }
}
