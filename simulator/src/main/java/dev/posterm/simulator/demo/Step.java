package dev.posterm.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.acquirer.LedgerEntry;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.Slip;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** One sale of the shift: sets up the twist, plays the register, shows what happened, checks it. */
final class Step {
    private final Demo.Counter counter;
    private final PrintStream out;
    private final List<String> problems;

    Step(Demo.Counter counter, PrintStream out, List<String> problems) {
        this.counter = counter;
        this.out = out;
        this.problems = problems;
    }

    String sell(int n, Shift.Sale sale) throws IOException, InterruptedException {
        String amount = String.format("CNY %d.%02d", sale.amount() / 100, sale.amount() % 100);
        out.printf("[%d] %s, %s, paid by %s%n", n, sale.item(), amount, sale.card().name().toLowerCase().replace('_', ' '));
        String twist = Shift.describe(sale.twist());
        if (!twist.isEmpty()) {
            out.println("    twist: " + twist);
        }
        prepare(sale);
        int slipsBefore = counter.printer.slips().size();
        long started = System.nanoTime();

        CashRegister.Answer order = counter.register.createOrder(sale.orderId(), sale.amount(), "CNY", sale.item());
        check(order.status() == 201, "order " + sale.orderId() + " was not created: " + order.body());
        out.println("    register: order " + sale.orderId() + " created, card payment started");
        CashRegister.Answer pay = counter.register.payByCard(sale.orderId());
        check(pay.status() == 202, "payment did not start: " + pay.body());
        JsonNode payment = counter.register.awaitPayment(pay.text("paymentId"), 60).body();
        long ms = (System.nanoTime() - started) / 1_000_000;
        String state = payment.path("state").asText();
        out.printf("    outcome: %s%s (%.1f s)%n", state, details(payment), ms / 1000.0);
        if (payment.has("message")) {
            out.println("    cashier sees: " + payment.path("message").path("en").asText() + " / "
                    + payment.path("message").path("zh-CN").asText());
        }
        check(sale.expectedState().equals(state), sale.item() + ": expected " + sale.expectedState() + ", got " + state);
        afterwards(sale, payment);
        showSlips(sale, slipsBefore);
        out.println();
        return String.format("%-16s %-13s %-17s %s", sale.item(), amount, state,
                payment.path("errorCode").asText(payment.path("authCode").asText("")));
    }

    private void prepare(Shift.Sale sale) {
        counter.reader.enqueue(Demo.card(sale.card(), sale.twist()));
        switch (sale.twist()) {
            case HOST_DECLINES_51 -> counter.acquirer.declineAmount(sale.amount(), "51");
            case HOST_SILENT -> counter.acquirer.dropNextAnswers(1);
            case PAPER_OUT -> counter.printer.paperOut(true);
            default -> { }
        }
    }

    private void afterwards(Shift.Sale sale, JsonNode payment) throws IOException, InterruptedException {
        if (sale.twist() == Shift.Twist.HOST_SILENT) {
            boolean reversed = waitFor(Duration.ofSeconds(15), () -> counter.acquirer.ledger().entries().stream()
                    .anyMatch(e -> e.stan().equals(payment.path("stan").asText()) && e.state() == LedgerEntry.State.REVERSED));
            out.println("    host: " + (reversed ? "the sale it had approved was reversed by posterm's 0400 (STAN "
                    + payment.path("stan").asText() + ")" : "NOT reversed"));
            check(reversed, "the unanswered sale was not reversed at the host");
        }
        if (sale.twist() == Shift.Twist.PAPER_OUT) {
            boolean seen = waitFor(Duration.ofSeconds(10), () -> counter.register.status().body().path("devices")
                    .path("paper").asText().equals("OUT"));
            JsonNode alerts = counter.register.status().body().path("alerts");
            out.println("    status: paper " + (seen ? "OUT" : "?") + ", alert: "
                    + (alerts.isEmpty() ? "none" : alerts.get(0).path("code").asText()) + "; the slips are kept");
            check(seen, "status did not show the paper out");
            out.println("    (the cashier puts in a new roll)");
            counter.printer.paperOut(false);
        }
    }

    private void showSlips(Shift.Sale sale, int before) throws InterruptedException {
        List<Slip> slips = counter.printer.awaitSlips(before + sale.expectedSlips(), Duration.ofSeconds(15));
        List<Slip> mine = slips.subList(Math.min(before, slips.size()), slips.size());
        out.println("    printer: " + mine.size() + " slip" + (mine.size() == 1 ? "" : "s"));
        for (Slip slip : mine) {
            Demo.printSlip(out, slip);
            check(!slip.text().contains("476173") && !slip.text().contains("621234"),
                    "a slip shows more than the last four digits");
        }
        check(mine.size() == sale.expectedSlips(), sale.item() + ": expected " + sale.expectedSlips() + " slips, got "
                + mine.size());
    }

    private static String details(JsonNode p) {
        StringBuilder b = new StringBuilder();
        if (p.hasNonNull("authCode")) {
            b.append(", auth ").append(p.path("authCode").asText());
        }
        if (p.hasNonNull("responseCode")) {
            b.append(", response ").append(p.path("responseCode").asText());
        }
        if (p.hasNonNull("stan")) {
            b.append(", STAN ").append(p.path("stan").asText());
        }
        if (p.hasNonNull("maskedPan")) {
            b.append(", card ").append(p.path("maskedPan").asText());
        }
        return b.toString();
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
            out.println("    PROBLEM: " + problem);
        }
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static boolean waitFor(Duration limit, Condition c) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (c.holds()) {
                return true;
            }
            Thread.sleep(100);
        }
        return c.holds();
    }
}
