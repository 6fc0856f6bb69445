package dev.posterm.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.Slip;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The demo's last scene: the back office closes the batch with the acquirer ({@code POST
 * /api/v1/batches/close}), the Z report prints, and the settlement files are shown where they lie and
 * checked by {@code posterm settlements verify}, run as the back office would: a separate process that
 * knows nothing but the files.
 */
final class ShiftEnd {
    private final Demo.Counter counter;
    private final PrintStream out;
    private final List<String> problems;

    ShiftEnd(Demo.Counter counter, PrintStream out, List<String> problems) {
        this.counter = counter;
        this.out = out;
        this.problems = problems;
    }

    void run() throws IOException, InterruptedException {
        out.println("Part three: the end of the shift (the back office closes the batch)");
        out.println("--------------------------------------------------------------------");
        CashRegister backOffice = new CashRegister(counter.api.resolve("api/v1"), Demo.BACKOFFICE_TOKEN);
        int slipsBefore = counter.printer.slips().size();
        CashRegister.Answer closed = backOffice.send("POST", "/batches/close", Optional.empty());
        if (closed.status() != 200) {
            out.println("  the batch was not closed (" + closed.status() + "): " + closed.text("detail"));
            problems.add("the batch close was refused: " + closed.text("detail"));
            out.println();
            return;
        }
        String terminal = closed.text("terminalTotals");
        String bank = closed.body().path("hostTotals").asText("none");
        out.println("  batch " + closed.text("batchNumber") + " closed: bank answered " + closed.text("responseCode")
                + "; card totals (field 63) terminal " + terminal + ", bank " + bank
                + (terminal.equals(bank) ? " (equal)" : " (DIFFER)"));
        if (!terminal.equals(bank)) {
            problems.add("the bank's batch totals differ from the terminal's");
        }
        zReport(slipsBefore);
        List<Path> files = files(backOffice);
        verify(files);
        out.println();
    }

    private void zReport(int slipsBefore) throws InterruptedException {
        // Sale slips may still be printing: look for the Z report among the slips since the close, for 15 s at most.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Optional<Slip> z = Optional.empty();
        while (z.isEmpty() && System.nanoTime() < deadline) {
            z = counter.printer.slips().stream().skip(slipsBefore)
                    .filter(s -> s.contains("Z REPORT") || s.contains("Z报表")).findFirst();
            if (z.isEmpty()) {
                Thread.sleep(100);
            }
        }
        if (z.isEmpty()) {
            problems.add("no Z report was printed at the batch close");
            return;
        }
        out.println("  the Z report, as the printer printed it:");
        Demo.printSlip(out, z.get());
    }

    private List<Path> files(CashRegister backOffice) throws IOException {
        Path folder = counter.config.getParent().resolve("data").resolve("settlements");
        out.println("  settlement files (GET /api/v1/settlements), in " + folder + ":");
        List<Path> csvs = new ArrayList<>();
        for (JsonNode f : backOffice.send("GET", "/settlements", Optional.empty()).body().path("items")) {
            String name = f.path("name").asText();
            out.printf("    %-34s %7d bytes  sha256 %s...%n", name, f.path("size").asLong(),
                    f.path("sha256").asText().substring(0, 16));
            if (name.endsWith(".csv")) {
                csvs.add(folder.resolve(name));
            }
        }
        if (csvs.isEmpty()) {
            problems.add("no settlement file is listed after the close");
        }
        return csvs;
    }

    /** {@code posterm settlements verify FILE...} as its own process, on the files alone. */
    private void verify(List<Path> files) throws IOException, InterruptedException {
        if (files.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ControllerProcess.MAIN_CLASS, "settlements", "verify"));
        files.forEach(f -> cmd.add(f.toString()));
        Path log = Files.createTempFile("posterm-verify-", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            problems.add("posterm settlements verify did not finish within 60 s");
            return;
        }
        out.println("  posterm settlements verify " + String.join(" ", files.stream().map(f -> f.getFileName()
                .toString()).toList()) + ":");
        Files.readAllLines(log, StandardCharsets.UTF_8).forEach(l -> out.println("    " + l));
        Files.deleteIfExists(log);
        out.println(p.exitValue() == 0 ? "  verify accepts the files: rows, totals and hash chain hold"
                : "  verify REFUSED the files (exit " + p.exitValue() + ")");
        if (p.exitValue() != 0) {
            problems.add("posterm settlements verify refused the shift's settlement file");
        }
    }
}
