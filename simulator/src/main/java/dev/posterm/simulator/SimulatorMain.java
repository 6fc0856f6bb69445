package dev.posterm.simulator;

import dev.posterm.simulator.acquirer.AcquirerSimulator;
import dev.posterm.simulator.modem.ModemSimulator;
import dev.posterm.simulator.printer.PrinterSimulator;
import dev.posterm.simulator.reader.CardScript;
import dev.posterm.simulator.reader.ReaderSimulator;
import dev.posterm.simulator.scanner.ScannerSimulator;
import dev.posterm.simulator.wallet.WalletGatewaySimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs simulated devices standalone for a technician or a demo, each on 127.0.0.1, until
 * interrupted (Ctrl-C / SIGTERM). Every device prints what it sees; card data is masked.
 * <pre>
 * simulator reader   --port 9101 [--cards onlineChip,contactless,...]
 * simulator printer  --port 9102
 * simulator acquirer --port 9000 [--decline 5100=51 ...]
 * simulator modem    --port 9103
 * simulator wallet   --port 9300 [--merchant-id M --key K]   (a QR wallet gateway over HTTP)
 * simulator scanner  --port 9104   (each line typed on stdin is scanned)
 * simulator all      [--reader-port N --printer-port N --acquirer-port N --modem-port N --wallet-port N
 *                     --scanner-port N]
 * </pre>
 * Port 0 (the default) takes an ephemeral port; the chosen port is printed.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "posterm's simulated card reader, printer, acquirer host, modem, wallet gateway and scanner.",
        subcommands = {SimulatorMain.Reader.class, SimulatorMain.Printer.class, SimulatorMain.Acquirer.class,
                SimulatorMain.Modem.class, SimulatorMain.Wallet.class, SimulatorMain.Scanner.class,
                SimulatorMain.All.class})
public final class SimulatorMain {
    static final Map<String, Supplier<CardScript>> CARDS = Map.of(
            "onlineChip", CardScript::onlineChip,
            "cardDeclines", CardScript::cardDeclines,
            "offlineApproves", CardScript::offlineApproves,
            "declinesAfterHostApproval", CardScript::declinesAfterHostApproval,
            "removedBeforeFinal", CardScript::removedBeforeFinal,
            "noCard", CardScript::noCard,
            "contactless", CardScript::contactless,
            "magstripe", CardScript::magstripe,
            "fallbackSwipe", CardScript::fallbackSwipe);

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorMain()).execute(args));
    }

    /** Blocks until the JVM is asked to stop, then closes the devices. */
    static int runUntilStopped(List<AutoCloseable> devices) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable device : devices) {
                try {
                    device.close();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    static ReaderSimulator reader(int port, List<String> cards) throws Exception {
        ReaderSimulator reader = new ReaderSimulator(port);
        reader.log().printing(true);
        for (String name : cards) {
            Supplier<CardScript> script = CARDS.get(name);
            if (script == null) {
                throw new IllegalArgumentException("unknown card script " + name + "; known: " + CARDS.keySet());
            }
            reader.enqueue(script.get());
        }
        return reader.start();
    }

    static PrinterSimulator printer(int port) throws Exception {
        PrinterSimulator printer = new PrinterSimulator(port);
        printer.log().printing(true);
        printer.onSlip(slip -> System.out.println("----- slip -----\n" + slip.text() + "\n----- cut -----"));
        return printer.start();
    }

    static AcquirerSimulator acquirer(int port, List<String> declines) throws Exception {
        AcquirerSimulator acquirer = new AcquirerSimulator(port);
        acquirer.log().printing(true);
        for (String rule : declines) {
            String[] parts = rule.split("=");
            if (parts.length != 2 || !parts[0].matches("\\d+")) {
                throw new IllegalArgumentException("--decline takes AMOUNT_MINOR=CODE, e.g. 5100=51");
            }
            acquirer.declineAmount(Long.parseLong(parts[0]), parts[1]);
        }
        return acquirer.start();
    }

    static ModemSimulator modem(int port) throws Exception {
        ModemSimulator modem = new ModemSimulator(port);
        modem.log().printing(true);
        return modem.start();
    }

    /** A lab merchant and key: the simulator is never a real gateway. */
    static final String LAB_MERCHANT = "1900000109";
    static final String LAB_KEY = "posterm-lab-wallet-key-0001";

    static WalletGatewaySimulator wallet(int port, String merchantId, String key) throws Exception {
        WalletGatewaySimulator wallet = new WalletGatewaySimulator(port, merchantId, key, Clock.systemUTC());
        wallet.log().printing(true);
        return wallet.start();
    }

    static ScannerSimulator scanner(int port) throws Exception {
        ScannerSimulator scanner = new ScannerSimulator(port);
        scanner.log().printing(true);
        return scanner.start();
    }

    /** Scans every line typed on stdin, on a daemon thread. */
    static void scanStdin(ScannerSimulator scanner) {
        Thread.ofPlatform().daemon().name("scanner-stdin").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        scanner.scan(line.strip());
                    }
                }
            } catch (java.io.IOException ignored) {
                // stdin closed: nothing more to scan
            }
        });
    }

    @Command(name = "wallet", description = "A QR wallet gateway (WeChat Pay, Alipay, UnionPay codes) over HTTP.")
    static final class Wallet implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "0") int port;
        @Option(names = "--merchant-id", defaultValue = LAB_MERCHANT) String merchantId;
        @Option(names = "--key", defaultValue = LAB_KEY) String key;

        @Override
        public Integer call() throws Exception {
            WalletGatewaySimulator wallet = wallet(port, merchantId, key);
            System.out.println("wallet.url = \"" + wallet.url() + "\"");
            System.out.println("wallet.merchant_id = \"" + merchantId + "\"  (key as given with --key)");
            return runUntilStopped(List.of(wallet));
        }
    }

    @Command(name = "scanner", description = "The counter's barcode scanner: each line typed on stdin is scanned.")
    static final class Scanner implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "0") int port;

        @Override
        public Integer call() throws Exception {
            ScannerSimulator scanner = scanner(port);
            System.out.println("scanner.port = \"tcp:127.0.0.1:" + scanner.port() + "\"");
            scanStdin(scanner);
            return runUntilStopped(List.of(scanner));
        }
    }

    @Command(name = "reader", description = "A CRL/1 EMV card reader.")
    static final class Reader implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "0") int port;
        @Option(names = "--cards", split = ",", description = "card scripts of the next transactions, in order")
        List<String> cards = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            ReaderSimulator reader = reader(port, cards);
            System.out.println("reader on tcp:127.0.0.1:" + reader.port());
            return runUntilStopped(List.of(reader));
        }
    }

    @Command(name = "printer", description = "An ESC/POS receipt printer.")
    static final class Printer implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "0") int port;

        @Override
        public Integer call() throws Exception {
            PrinterSimulator printer = printer(port);
            System.out.println("printer on tcp:127.0.0.1:" + printer.port());
            return runUntilStopped(List.of(printer));
        }
    }

    @Command(name = "acquirer", description = "An ISO 8583 acquirer host.")
    static final class Acquirer implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "0") int port;
        @Option(names = "--decline", description = "AMOUNT_MINOR=CODE: authorisations of that amount get CODE")
        List<String> declines = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            AcquirerSimulator acquirer = acquirer(port, declines);
            System.out.println("acquirer on 127.0.0.1:" + acquirer.port());
            return runUntilStopped(List.of(acquirer));
        }
    }

    @Command(name = "modem", description = "A cellular modem's AT port.")
    static final class Modem implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "0") int port;

        @Override
        public Integer call() throws Exception {
            ModemSimulator modem = modem(port);
            System.out.println("modem on tcp:127.0.0.1:" + modem.port());
            return runUntilStopped(List.of(modem));
        }
    }

    @Command(name = "all", description = "Every device at once; prints the ports.")
    static final class All implements Callable<Integer> {
        @Option(names = "--reader-port", defaultValue = "0") int readerPort;
        @Option(names = "--printer-port", defaultValue = "0") int printerPort;
        @Option(names = "--acquirer-port", defaultValue = "0") int acquirerPort;
        @Option(names = "--modem-port", defaultValue = "0") int modemPort;
        @Option(names = "--wallet-port", defaultValue = "0") int walletPort;
        @Option(names = "--scanner-port", defaultValue = "0") int scannerPort;

        @Override
        public Integer call() throws Exception {
            ReaderSimulator reader = reader(readerPort, List.of());
            PrinterSimulator printer = printer(printerPort);
            AcquirerSimulator acquirer = acquirer(acquirerPort, List.of());
            ModemSimulator modem = modem(modemPort);
            WalletGatewaySimulator wallet = wallet(walletPort, LAB_MERCHANT, LAB_KEY);
            ScannerSimulator scanner = scanner(scannerPort);
            scanStdin(scanner);
            System.out.println("reader.port = \"tcp:127.0.0.1:" + reader.port() + "\"");
            System.out.println("printer.port = \"tcp:127.0.0.1:" + printer.port() + "\"");
            System.out.println("modem.port = \"tcp:127.0.0.1:" + modem.port() + "\"");
            System.out.println("host.address = \"127.0.0.1:" + acquirer.port() + "\"");
            System.out.println("scanner.port = \"tcp:127.0.0.1:" + scanner.port() + "\"  (type a code + Enter to scan)");
            System.out.println("wallet.url = \"" + wallet.url() + "\"");
            System.out.println("wallet.merchant_id = \"" + LAB_MERCHANT + "\"");
            System.out.println("wallet.key = \"" + LAB_KEY + "\"  (the simulator's lab key)");
            return runUntilStopped(List.of(reader, printer, acquirer, modem, wallet, scanner));
        }
    }
}
