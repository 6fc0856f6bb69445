package dev.posterm.core.wiring;

import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.OrderRow;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.Step;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.vault.CardVault;
import dev.posterm.core.vault.SealedFor;
import dev.posterm.core.vault.StoredCard;
import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Track2;
import dev.posterm.simulator.acquirer.AcquirerSimulator;
import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.modem.ModemSimulator;
import dev.posterm.simulator.printer.PrinterSimulator;
import dev.posterm.simulator.reader.CardScript;
import dev.posterm.simulator.reader.ReaderSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board's figures from the real process ({@code posterm run}, the shipped JVM options from
 * {@code packaging/.../jvm.options}, the jars on the class path {@code scripts/bench-board} gives
 * it): start to ready, resident memory, the controller's own time per online sale, receipt bytes.
 * Not a test of speed (no timed assertions): it writes the table of docs/performance.md
 * ({@code target/board-bench.md}), which {@code scripts/bench-board} splices in. Excluded from the
 * normal run by its tag. Longer than a class should be: it is a script in Java, read top to bottom.
 */
@Tag("benchmark")
class BoardBenchmark {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path JVM_OPTIONS = REPO.resolve("packaging/src/deb/files/etc/posterm/jvm.options");
    private static final int PAYMENTS = Integer.getInteger("posterm.bench.payments", 100_000);
    private static final int ADVICES = Integer.getInteger("posterm.bench.advices", 10_000);
    private static final int DAY_CARD = Integer.getInteger("posterm.bench.dayCard", 200);
    private static final int DAY_CASH = Integer.getInteger("posterm.bench.dayCash", 100);
    private static final Duration HOST_LATENCY = Duration.ofMillis(Integer.getInteger("posterm.bench.hostMs", 200));
    private static final int READER_BAUD = 115_200;
    private static final int PRINTER_BAUD = 19_200;
    private static final String CASHIER = "bench-cashier-token-0001";
    private static final String BACKOFFICE = "bench-backoffice-token-0001";

    @TempDir
    Path dir;

    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    @Test
    void board() throws Exception {
        String shipped = shippedHeap();
        startToReady();
        for (String heap : List.of("64m", shipped)) {
            memory(heap);
        }
        saleOverheadAndReceipts();
        write();
    }

    // ---- (a) start to ready ----------------------------------------------------------------------

    private void startToReady() throws Exception {
        Path cds = dir.resolve("cds");
        Files.createDirectories(cds);
        Path empty = Files.createTempDirectory(dir, "empty");
        Path full = Files.createTempDirectory(dir, "full");
        long made = System.nanoTime();
        fillPayments(full.resolve("data"), PAYMENTS);
        notes.add(String.format("the %,d-payment journal was made in %.1f s with the journal's own API (10,000 a transaction)",
                PAYMENTS, (System.nanoTime() - made) / 1e9));
        for (Path run : List.of(empty, full)) {
            String what = run == empty ? "empty journal" : String.format("%,d payments in the journal", PAYMENTS);
            double[] cold = readyOnce(run, cds, null);   // no CDS archive yet: written at this clean stop
            List<Double> warm = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                double[] once = readyOnce(run, cds, null);
                warm.add(once[0]);
                cpu.add(once[1]);
            }
            Collections.sort(warm);
            Collections.sort(cpu);
            double aim = run == empty ? 0.8 : 1.5;
            rows.add(row("start to ready, " + what + " (CDS archive made)", s(warm.get(2)) + " (median of 5; "
                    + s(warm.get(0)) + " to " + s(warm.get(4)) + "); CPU " + s(cpu.get(2)), "< " + aim + " s"));
            rows.add(row("start to ready, " + what + ", first start (no CDS archive)", s(cold[0]) + "; CPU "
                    + s(cold[1]), ""));
        }
    }

    /**
     * {seconds from the process's start until {@code GET /status} answers 200, the CPU seconds the
     * process used until then (user + system: what the work costs, whatever else the machine runs)};
     * then a clean stop (SIGTERM).
     */
    private double[] readyOnce(Path run, Path cds, String heap) throws Exception {
        try (Counter counter = new Counter(run, cds, heap, Duration.ZERO)) {
            double[] ready = {counter.ready, counter.cpuAtReady};
            counter.stop();
            return ready;
        }
    }

    // ---- (b) resident memory ---------------------------------------------------------------------

    private void memory(String heap) throws Exception {
        Path cds = dir.resolve("cds-" + heap);
        Files.createDirectories(cds);
        Path run = Files.createTempDirectory(dir, "mem-" + heap);
        readyOnce(run, cds, heap);   // makes the CDS archive, as the board's first clean stop does
        try (Counter counter = new Counter(run, cds, heap, Duration.ZERO)) {
            Thread.sleep(5_000);   // settled: the first echo test, the printer's first status
            rows.add(row("resident memory idle, -Xmx" + heap, mb(counter.rss()), heap.equals("64m") ? "< 90 MB" : ""));
            sell(counter, DAY_CARD, DAY_CASH, "m" + heap);
            counter.printer.awaitSlips(2 * DAY_CARD + DAY_CASH, Duration.ofMinutes(5));
            Thread.sleep(2_000);
            rows.add(row("resident memory after a day's sales (" + DAY_CARD + " card, " + DAY_CASH + " cash, their slips), -Xmx"
                    + heap, mb(counter.rss()) + " (peak " + mb(counter.hwm()) + ")", heap.equals("64m") ? "< 90 MB" : ""));
            counter.stop();
        }
        Path drain = Files.createTempDirectory(dir, "drain-" + heap);
        fillAdvices(drain.resolve("data"), ADVICES);
        try (Counter counter = new Counter(drain, cds, heap, Duration.ZERO)) {
            AtomicLong peak = new AtomicLong();
            AtomicBoolean draining = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().start(() -> {
                while (draining.get()) {
                    peak.accumulateAndGet(counter.rss(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long t0 = System.nanoTime();
            long deadline = t0 + Duration.ofMinutes(10).toNanos();
            while (counter.register.status().body().path("storeAndForward").path("count").asInt(-1) != 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double took = (System.nanoTime() - t0) / 1e9;
            draining.set(false);
            sampler.join();
            rows.add(row(String.format("resident memory during a %,d-advice drain, -Xmx%s", ADVICES, heap),
                    "peak " + mb(peak.get()) + " (VmHWM " + mb(counter.hwm()) + "; drained in " + s(took) + ")",
                    heap.equals("64m") ? "< 90 MB" : ""));
            counter.stop();
        }
    }

    // ---- (c) the controller's own time per online sale, (d) receipt bytes ----------------------

    private void saleOverheadAndReceipts() throws Exception {
        Path run = Files.createTempDirectory(dir, "sales");
        Path cds = dir.resolve("cds");
        Path trace = run.resolve("fsync.trace");
        List<String> strace = List.of("strace", "-f", "--seccomp-bpf", "-ttt", "-T", "-e", "trace=fsync,fdatasync",
                "-o", trace.toString());
        try (Counter counter = new Counter(run, cds, null, HOST_LATENCY, strace)) {
            sell(counter, 20, 0, "warm");   // the JIT's first turns are not a day's sale
            counter.printer.awaitSlips(40, Duration.ofMinutes(2));
            Thread.sleep(1_000);
            Map<String, Double> before = counter.metrics();
            long readerBytes = counter.readerRelay.bytes();
            double wall = 0;
            double t0 = System.currentTimeMillis() / 1000.0;
            int n = 100;
            for (int i = 0; i < n; i++) {
                wall += counter.cardSale("o" + i, 1000 + i);
            }
            double t1 = System.currentTimeMillis() / 1000.0;
            Map<String, Double> after = counter.metrics();
            double host = (after.get("posterm_host_round_trip_seconds_sum") - before.get("posterm_host_round_trip_seconds_sum"))
                    / (after.get("posterm_host_round_trip_seconds_count") - before.get("posterm_host_round_trip_seconds_count"));
            double serial = (counter.readerRelay.bytes() - readerBytes) / (double) n * 10 / READER_BAUD;
            double[] fsync = fsyncs(trace, t0, t1);
            double perSale = wall / n;
            double fsyncPerSale = fsync[1] / n;
            double own = perSale - host - fsyncPerSale;
            double total = perSale + serial;   // loopback moves the reader's bytes at once; the board's line does not
            rows.add(row("online card sale, API call to final state (" + n + " sales, host answering after "
                    + HOST_LATENCY.toMillis() + " ms)", ms(perSale), ""));
            rows.add(row("of which host round trip (posterm_host_round_trip_seconds)", ms(host), ""));
            rows.add(row(String.format("of which journal fsyncs (%.1f a sale, strace)", fsync[0] / n), ms(fsyncPerSale), ""));
            rows.add(row(String.format("reader serial transfer at %,d baud (%.0f bytes a sale, not on loopback)", READER_BAUD,
                    (counter.readerRelay.bytes() - readerBytes) / (double) n), ms(serial), ""));
            rows.add(row("the controller's own time a sale (the rest), share of the total", ms(own) + " = "
                    + String.format("%.1f %%", 100 * own / total), "< 5 %"));
            receipts(counter);
            counter.stop();
        }
    }

    private void receipts(Counter counter) throws Exception {
        counter.printer.awaitSlips(counter.printer.slips().size(), Duration.ofSeconds(1));
        for (String kind : List.of("card", "cash")) {
            int slipsBefore = counter.printer.slips().size();
            long bytes = counter.printerRelay.bytes();
            int sales = 10;
            for (int i = 0; i < sales; i++) {
                if (kind.equals("card")) {
                    counter.cardSale("r" + kind + i, 2350);
                } else {
                    counter.cashSale("r" + kind + i, 2350, 5000);
                }
            }
            int slips = kind.equals("card") ? 2 * sales : sales;
            counter.printer.awaitSlips(slipsBefore + slips, Duration.ofMinutes(2));
            Thread.sleep(1_500);   // the status requests after the last cut
            double perSale = (counter.printerRelay.bytes() - bytes) / (double) sales;
            rows.add(row("receipt bytes a " + kind + " sale (" + (kind.equals("card") ? "merchant and customer copies"
                    : "one slip, drawer kick") + ", zh-CN)", String.format("%,.0f bytes = %.2f s at %,d baud 8N1",
                    perSale, perSale * 10 / PRINTER_BAUD, PRINTER_BAUD), ""));
        }
    }

    /** {count, seconds} of fsync/fdatasync calls that ended between {@code from} and {@code to} (epoch seconds). */
    private static double[] fsyncs(Path trace, double from, double to) throws IOException {
        Pattern line = Pattern.compile("^\\d+\\s+(\\d+\\.\\d+) .*f(?:data)?sync.*= 0 <(\\d+\\.\\d+)>$");
        double count = 0;
        double seconds = 0;
        for (String l : Files.readAllLines(trace)) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                double at = Double.parseDouble(m.group(1));
                if (at >= from && at <= to) {
                    count++;
                    seconds += Double.parseDouble(m.group(2));
                }
            }
        }
        return new double[] {count, seconds};
    }

    private static void sell(Counter counter, int card, int cash, String prefix) throws Exception {
        for (int i = 0; i < Math.max(card, cash); i++) {
            if (i < card) {
                counter.cardSale(prefix + "c" + i, 1000 + i);
            }
            if (i < cash) {
                counter.cashSale(prefix + "k" + i, 500 + i, 1000 + i);
            }
        }
    }

    // ---- journal fixtures, made with the journal's own API ---------------------------------------

    /** {@code count} finished payments (card approved online, one in four cash), 10,000 a transaction. */
    private static void fillPayments(Path data, int count) throws IOException {
        Files.createDirectories(data);
        Instant day = LocalDate.of(2026, 11, 2).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Journal journal = Journal.open(data)) {
            for (int from = 0; from < count; from += 10_000) {
                int start = from;
                journal.inTransaction(c -> {
                    for (int i = start; i < Math.min(count, start + 10_000); i++) {
                        Instant at = day.plusSeconds(i * 30L);
                        String order = "fx-o-" + i;
                        long amount = 500 + i % 9_000;
                        OrderTable.insert(c, new OrderRow(order, amount, "CNY", Optional.empty(), OrderState.PAID, at,
                                at.plusSeconds(900), at));
                        Money money = new Money(amount, "CNY");
                        PaymentRow p = i % 4 == 3
                                ? PaymentRow.cashSale("fx-p-" + i, order, money, amount, Optional.empty(), at)
                                : PaymentRow.sale("fx-p-" + i, order, PaymentMethod.CARD, money, Optional.empty(), at)
                                        .withCard("476173******0119", "CHIP", Optional.of("A0000000031010"),
                                                Optional.of("VISA"), at)
                                        .withOnline(i % 999_999 + 1, "1102100000", "100000", at)
                                        .withHostAnswer(Step.HOST_APPROVED, "00", Optional.of("A12345"),
                                                Optional.of(String.format("%012d", i)), at)
                                        .finish(PaymentState.APPROVED, Optional.empty(), Optional.of("00"), at);
                        PaymentTable.save(c, p, "fixture");
                    }
                    return null;
                });
            }
        }
    }

    /** {@code count} offline sales waiting for the host, their card data sealed with the data dir's vault. */
    private static void fillAdvices(Path data, int count) throws IOException {
        Files.createDirectories(data);
        Instant now = Instant.now();
        String pan = "4761739001010119";
        try (Journal journal = Journal.open(data)) {
            CardVault vault = CardVault.open(data);
            journal.inTransaction(c -> {
                for (int i = 1; i <= count; i++) {
                    String order = "o-" + i;
                    String payment = "p-" + i;
                    OrderTable.insert(c, new OrderRow(order, 1000 + i, "CNY", Optional.empty(), OrderState.PAID, now, now, now));
                    PaymentTable.save(c, PaymentRow.sale(payment, order, PaymentMethod.CARD, new Money(1000 + i, "CNY"),
                            Optional.empty(), now), "bench");
                    StoredCard card = new StoredCard(Pan.of(pan), Optional.of(Track2.of(pan + "D30122011234500000")),
                            Optional.of(Expiry.ofYymmdd("301231")), Optional.of(1), "9F2701409F26081122334455667788");
                    String auth = "Y3" + String.format("%04d", i % 10_000);
                    AdviceTable.queueTentative(c, i, payment, 1000 + i, "2026-11-22T10:00:00", "CHIP", "A".repeat(64),
                            "************0119", vault.seal(card, new SealedFor(payment, 1000 + i, i, auth)), auth,
                            now.plusNanos(i));
                    AdviceTable.confirm(c, payment);
                }
                return null;
            });
        }
    }

    // ---- the counter: simulators, relays that count bytes, the controller process ----------------

    private static final class Counter implements AutoCloseable {
        final AcquirerSimulator acquirer = new AcquirerSimulator();
        final ReaderSimulator reader = new ReaderSimulator();
        final PrinterSimulator printer = new PrinterSimulator();
        final ModemSimulator modem = new ModemSimulator();
        final ByteRelay readerRelay;
        final ByteRelay printerRelay;
        final CashRegister register;
        final Process process;
        final Path output;
        final URI api;
        final double ready;
        final double cpuAtReady;
        private final long pid;

        Counter(Path run, Path cds, String heap, Duration hostLatency) throws Exception {
            this(run, cds, heap, hostLatency, List.of());
        }

        Counter(Path run, Path cds, String heap, Duration hostLatency, List<String> tracer) throws Exception {
            acquirer.start();
            acquirer.delayAnswers(hostLatency);
            reader.start();
            printer.start();
            modem.start();
            readerRelay = ByteRelay.to(reader.port());
            printerRelay = ByteRelay.to(printer.port());
            int apiPort = freePort();
            api = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/");
            Path config = run.resolve("posterm.toml");
            Files.writeString(config, toml(run.resolve("data"), acquirer.port(), readerRelay.port(), printerRelay.port(),
                    modem.port(), apiPort));
            register = new CashRegister(URI.create("http://127.0.0.1:" + apiPort + "/api/v1"), CASHIER);
            // As /usr/bin/posterm runs it: the JVM options of jvm.options, the jars, the main class.
            List<String> cmd = new ArrayList<>(tracer);
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(jvmOptions(cds, heap));
            cmd.addAll(List.of("-cp", System.getProperty("posterm.bench.classpath", System.getProperty("java.class.path")),
                    ControllerProcess.MAIN_CLASS, "run", "--config", config.toString()));
            output = run.resolve("controller-" + System.nanoTime() + ".out");
            long t0 = System.nanoTime();
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            awaitStatus();
            ready = (System.nanoTime() - t0) / 1e9;
            pid = tracer.isEmpty() ? process.pid() : javaUnder(process.pid());
            cpuAtReady = cpuSeconds();
        }

        /** utime + stime of /proc/PID/stat, in seconds (Linux's USER_HZ is 100). */
        double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }

        private void awaitStatus() throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
            HttpRequest status = HttpRequest.newBuilder(api.resolve("status")).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + CASHIER).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (http.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("not ready; it said:\n" + Files.readString(output));
        }

        /** Seconds from the payment's request to its final state. */
        double cardSale(String orderId, long amount) throws Exception {
            reader.enqueue(CardScript.onlineChip());
            check(register.createOrder(orderId, amount, "CNY", "bench"), 201);
            long t0 = System.nanoTime();
            CashRegister.Answer started = check(register.payByCard(orderId), 202);
            CashRegister.Answer done = check(register.awaitPayment(started.text("paymentId"), 30), 200);
            double took = (System.nanoTime() - t0) / 1e9;
            if (!"APPROVED".equals(done.text("state"))) {
                throw new IllegalStateException("not approved: " + done.body());
            }
            return took;
        }

        void cashSale(String orderId, long amount, long tendered) throws Exception {
            check(register.createOrder(orderId, amount, "CNY", "bench"), 201);
            check(register.send("POST", "/orders/" + orderId + "/payments",
                    Optional.of("{\"method\":\"CASH\",\"tendered\":" + tendered + "}")), 202);
        }

        private static CashRegister.Answer check(CashRegister.Answer a, int status) {
            if (a.status() != status) {
                throw new IllegalStateException(a.status() + " " + a.body());
            }
            return a;
        }

        Map<String, Double> metrics() throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("metrics"))
                    .header("Authorization", "Bearer " + BACKOFFICE).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Double> m = new TreeMap<>();
            for (String l : r.body().split("\n")) {
                if (!l.startsWith("#") && !l.isBlank()) {
                    int space = l.lastIndexOf(' ');
                    m.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
                }
            }
            return m;
        }

        long rss() {
            return procStatus("VmRSS");
        }

        long hwm() {
            return procStatus("VmHWM");
        }

        private long procStatus(String key) {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (l.startsWith(key + ":")) {
                        return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return 0;
        }

        void stop() throws InterruptedException {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);   // SIGTERM to the JVM itself, as systemd stops it
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("did not stop on SIGTERM within 60 s; see " + output);
            }
        }

        private static long javaUnder(long tracer) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<ProcessHandle> child = ProcessHandle.of(tracer).flatMap(p -> p.children().findFirst());
                if (child.isPresent()) {
                    return child.get().pid();
                }
                Thread.sleep(10);
            }
            throw new IllegalStateException("no process under strace " + tracer);
        }

        @Override
        public void close() {
            process.destroyForcibly();
            readerRelay.close();
            printerRelay.close();
            acquirer.close();
            reader.close();
            printer.close();
            modem.close();
        }
    }

    /** The shipped options (packaging's jvm.options), the CDS archive in {@code cds}, the heap cap {@code heap} if given. */
    private static List<String> jvmOptions(Path cds, String heap) throws IOException {
        List<String> options = new ArrayList<>();
        for (String l : Files.readAllLines(JVM_OPTIONS)) {
            String o = l.strip();
            if (o.isEmpty() || o.startsWith("#")) {
                continue;
            }
            if (o.startsWith("-XX:SharedArchiveFile=")) {
                o = "-XX:SharedArchiveFile=" + cds.resolve("posterm.jsa");
            }
            if (heap != null && o.startsWith("-Xmx")) {
                o = "-Xmx" + heap;
            }
            options.add(o);
        }
        // The JVM sizes its initial heap and more from the machine's memory: as on the board's 1 GB.
        options.add("-XX:MaxRAM=" + System.getProperty("posterm.bench.maxRam", "1g"));
        return options;
    }

    private static String shippedHeap() throws IOException {
        return Files.readAllLines(JVM_OPTIONS).stream().map(String::strip).filter(l -> l.startsWith("-Xmx"))
                .findFirst().orElseThrow().substring(4);
    }

    private static String toml(Path data, int acquirer, int reader, int printer, int modem, int api) {
        return """
                [terminal]
                id = "T0000001"
                merchant_id = "M00000000000001"
                currency = "CNY"
                locale = "zh-CN"
                merchant_name = "posterm bench shop"
                [data]
                dir = "%s"
                [host]
                address = "127.0.0.1:%d"
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
                """.formatted(data.toAbsolutePath(), acquirer, reader, printer, modem, api, CASHIER, BACKOFFICE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String[] row(String what, String measured, String aim) {
        return new String[] {what, measured, aim};
    }

    private static String s(double seconds) {
        return String.format("%.2f s", seconds);
    }

    private static String ms(double seconds) {
        return String.format("%.1f ms", seconds * 1000);
    }

    private static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1e6);
    }

    /** The table and its notes, as docs/performance.md shows them; printed too. */
    private void write() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| case | measured | aim |\n|---|---|---|\n");
        rows.forEach(r -> md.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" |\n"));
        md.append('\n');
        String cpus = Integer.toString(Runtime.getRuntime().availableProcessors());
        notes.add("JVM ergonomics as on a 1 GB board (-XX:MaxRAM=" + System.getProperty("posterm.bench.maxRam", "1g")
                + ")");
        md.append("(Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ").append(cpus)
                .append(" cores, ")
                .append(System.getProperty("posterm.bench.machine", "machine shared with builds")).append("; ").append(String.join("; ", notes)).append(".)\n");
        Files.writeString(REPO.resolve("terminal-core/target/board-bench.md"), md, StandardCharsets.UTF_8);
        System.out.println("board benchmark\n" + md);
    }
}
