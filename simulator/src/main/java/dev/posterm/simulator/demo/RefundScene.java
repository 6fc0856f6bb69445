package dev.posterm.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.Slip;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The customer brings part of an earlier purchase back: a partial refund of that card sale (0200,
 * processing code 200000, naming the sale by its RRN, no card), its slip, and the sale still
 * standing for the rest.
 */
final class RefundScene {
    private static final long REFUND = 500;

    private final Demo.Counter counter;
    private final PrintStream out;
    private final List<String> problems;

    RefundScene(Demo.Counter counter, PrintStream out, List<String> problems) {
        this.counter = counter;
        this.out = out;
        this.problems = problems;
    }

    /** @return the summary line, as {@link Step#sell} gives one */
    String refundPartOf(Shift.Sale sale) throws IOException, InterruptedException {
        out.printf("[refund] the customer of %s brings part of it back: CNY %d.%02d refunded to the card%n",
                sale.orderId(), REFUND / 100, REFUND % 100);
        JsonNode order = counter.register.order(sale.orderId()).body();
        Optional<JsonNode> paid = Optional.empty();
        for (JsonNode p : order.path("payments")) {
            if ("APPROVED".equals(p.path("state").asText()) && "SALE".equals(p.path("type").asText())) {
                paid = Optional.of(p);
            }
        }
        if (paid.isEmpty()) {
            problems.add("refund scene: order " + sale.orderId() + " has no approved sale to refund");
            return "refund           (no sale)";
        }
        int slipsBefore = counter.printer.slips().size();
        CashRegister.Answer refund = counter.register.refund(paid.get().path("paymentId").asText(), REFUND,
                Optional.of("demo-refund-" + sale.orderId()));
        String state = refund.text("state");
        out.println("    register: POST /payments/" + paid.get().path("paymentId").asText() + "/refund -> "
                + refund.status() + " " + state + ", refund " + refund.text("paymentId") + ", rrn "
                + refund.text("rrn"));
        if (refund.status() != 201 || !"APPROVED".equals(state)) {
            problems.add("refund scene: expected 201 APPROVED, got " + refund.status() + " " + refund.body());
        }
        List<Slip> slips = counter.printer.awaitSlips(slipsBefore + 2, Duration.ofSeconds(20));
        if (slips.size() >= slipsBefore + 2) {
            Demo.printSlip(out, slips.get(slipsBefore + 1));
        } else {
            problems.add("refund scene: the two refund slips did not print within 20 s");
        }
        String orderState = counter.register.order(sale.orderId()).text("state");
        out.println("    the order stays " + orderState + ": CNY " + String.format("%d.%02d",
                (sale.amount() - REFUND) / 100, (sale.amount() - REFUND) % 100) + " of it is still paid");
        out.println();
        return String.format("%-16s %-13s %-17s %s", "refund", String.format("CNY %d.%02d", REFUND / 100,
                REFUND % 100), state, refund.text("authCode"));
    }
}
