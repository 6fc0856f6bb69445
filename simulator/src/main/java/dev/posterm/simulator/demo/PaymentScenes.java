package dev.posterm.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.DrawerKick;
import dev.posterm.simulator.printer.Slip;
import dev.posterm.simulator.wallet.Behaviour;
import dev.posterm.simulator.wallet.Trade;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo's scenes beyond the card: a QR payment that waits for the customer to confirm on the
 * phone, a cash sale with change and the drawer kick, and an order nobody pays that lapses by itself
 * at its pay-by time. Each checks what a cashier would see and adds what differs to the demo's problems.
 */
final class PaymentScenes {
    /** A WeChat Pay payment code (18 digits starting 13); its behaviour is set per scene. */
    static final String WECHAT_CODE = "134567890123450001";

    private final Demo.Counter counter;
    private final PrintStream out;
    private final List<String> problems;

    PaymentScenes(Demo.Counter counter, PrintStream out, List<String> problems) {
        this.counter = counter;
        this.out = out;
        this.problems = problems;
    }

    /** WeChat Pay: the gateway answers USERPAYING; posterm queries while the customer confirms, then it is paid. */
    String qrWaitsForTheCustomer(int n, String orderId) throws IOException, InterruptedException {
        counter.wallet.behaviourFor(WECHAT_CODE, Behaviour.userPayingThenPaidAfter(Duration.ofSeconds(4)));
        out.printf("%2d. %s: CNY 36.00, WeChat Pay payment code scanned%n", n, "Milk tea x3");
        int slipsBefore = counter.printer.slips().size();
        created(orderId, 3600, "Milk tea x3", Optional.empty());
        CashRegister.Answer pay = counter.register.send("POST", "/orders/" + orderId + "/payments",
                Optional.of("{\"method\":\"QR\",\"qrCode\":\"" + WECHAT_CODE + "\"}"));
        if (pay.status() != 202) {
            problems.add("QR payment not started: " + pay.status() + " " + pay.body());
            return "QR payment not started";
        }
        String outTradeNo = pay.text("outTradeNo");
        out.println("    the wallet asks the customer to confirm on the phone (USERPAYING): posterm waits and queries ("
                + pay.text("wallet") + ", outTradeNo " + outTradeNo + ")");
        JsonNode payment = pay.body();
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        int told = -1;
        while ("PENDING".equals(payment.path("state").asText()) && System.nanoTime() < deadline) {
            Trade trade = counter.wallet.trade(outTradeNo);
            int queries = trade == null ? 0 : trade.queries();
            if (trade != null && queries != told) {
                out.println("    ... waiting for the customer's confirmation: gateway says "
                        + trade.state() + ", " + queries + " queries so far");
                told = queries;
            }
            payment = counter.register.awaitPayment(pay.text("paymentId"), 1).body();
        }
        String state = payment.path("state").asText();
        out.println("    the customer confirmed: payment " + state + ", order "
                + counter.register.order(orderId).text("state"));
        check("APPROVED".equals(state), "the QR payment ended " + state + ", expected APPROVED");
        Trade trade = counter.wallet.trade(outTradeNo);
        check(trade != null && trade.held() == 3600, "the gateway holds " + (trade == null ? "nothing" : trade.held())
                + " for the QR payment, expected 3600");
        check(trade != null && trade.queries() >= 1, "posterm never queried the gateway while the customer confirmed");
        showSlips(slipsBefore, 2, "the QR payment");
        return "Milk tea x3 (QR, WeChat Pay): " + state + " after the customer confirmed";
    }

    /** Cash: 37.50 due, 50.00 tendered: 12.50 change, the drawer opens before the slip. */
    String cashWithChange(int n, String orderId) throws IOException, InterruptedException {
        out.printf("%2d. %s: CNY 37.50, paid in cash with CNY 50.00%n", n, "Dim sum");
        int slipsBefore = counter.printer.slips().size();
        int kicksBefore = counter.printer.drawerKicks().size();
        created(orderId, 3750, "Dim sum", Optional.empty());
        CashRegister.Answer pay = counter.register.send("POST", "/orders/" + orderId + "/payments",
                Optional.of("{\"method\":\"CASH\",\"tendered\":5000}"));
        String state = pay.text("state");
        long change = pay.body().path("changeDue").asLong(-1);
        out.println("    payment " + state + ", change due CNY " + String.format("%d.%02d", change / 100, change % 100));
        check(pay.status() == 202 && "APPROVED".equals(state), "the cash payment answered " + pay.status() + " " + state);
        check(change == 1250, "change due " + change + ", expected 1250");
        showSlips(slipsBefore, 1, "the cash sale");
        List<DrawerKick> kicks = counter.printer.drawerKicks();
        check(kicks.size() == kicksBefore + 1, "the drawer was kicked " + (kicks.size() - kicksBefore)
                + " times, expected once");
        if (kicks.size() > kicksBefore) {
            DrawerKick kick = kicks.get(kicks.size() - 1);
            out.println("    the drawer opened (ESC p on pin " + kick.pin() + ", " + kick.onMillis() + " ms), before the slip: "
                    + (kick.slipsBefore() == slipsBefore));
            check(kick.slipsBefore() == slipsBefore, "the drawer opened after the cash slip, not before it");
        }
        return "Dim sum (cash): " + state + ", change CNY 12.50, drawer opened";
    }

    /** An order the customer walks away from: it lapses to EXPIRED at payBy without anyone asking. */
    String orderLeftUnpaidExpires(int n, String orderId) throws IOException, InterruptedException {
        out.printf("%2d. %s: CNY 18.00, the customer walks away; the order may be paid within 3 s%n", n, "Ice cream");
        JsonNode order = created(orderId, 1800, "Ice cream", Optional.of(3));
        out.println("    order UNPAID, pay by " + order.path("payBy").asText());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String state = order.path("state").asText();
        while (!"EXPIRED".equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            state = counter.register.order(orderId).text("state");
        }
        out.println("    nobody touched it: the order is " + state + " (its timer, not a read, lapsed it)");
        check("EXPIRED".equals(state), "the unpaid order is " + state + " after its pay-by time, expected EXPIRED");
        CashRegister.Answer late = counter.register.send("POST", "/orders/" + orderId + "/payments",
                Optional.of("{\"method\":\"CASH\"}"));
        out.println("    a payment tried now is refused: " + late.status() + " " + late.text("errorCode"));
        check(late.status() >= 400, "a payment of the expired order was taken: " + late.status());
        return "Ice cream (left unpaid): " + state + " at its pay-by time";
    }

    private JsonNode created(String orderId, long amount, String description, Optional<Integer> payWithinSeconds)
            throws IOException {
        String body = "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + ",\"currency\":\"CNY\",\"description\":\""
                + description + "\"" + payWithinSeconds.map(s -> ",\"payWithinSeconds\":" + s).orElse("") + "}";
        CashRegister.Answer order = counter.register.send("POST", "/orders", Optional.of(body));
        if (order.status() != 201) {
            problems.add(description + ": order not created: " + order.status() + " " + order.body());
        }
        return order.body();
    }

    private void showSlips(int before, int expected, String what) throws InterruptedException {
        List<Slip> slips = counter.printer.awaitSlips(before + expected, Duration.ofSeconds(15));
        List<Slip> mine = slips.subList(Math.min(before, slips.size()), slips.size());
        for (Slip slip : mine) {
            Demo.printSlip(out, slip);
        }
        check(mine.size() == expected, what + ": expected " + expected + " slips, got " + mine.size());
        out.println();
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            out.println("    !! " + problem);
            problems.add(problem);
        }
    }
}
