package dev.posterm.simulator.demo;

import java.util.List;

/**
 * The demo's short shift: what each customer buys, with which card, what the simulated world does,
 * and what the cashier should see. The demo fails (exit 1) if posterm does anything else.
 */
final class Shift {
    /** What the simulators do for this sale. */
    enum Twist { NONE, HOST_DECLINES_51, CARD_DECLINES, HOST_SILENT, PAPER_OUT, OUTAGE }

    enum Card { VISA_CHIP, UNIONPAY_CONTACTLESS, MASTERCARD_CHIP }

    record Sale(String orderId, String item, long amount, Card card, Twist twist, String expectedState,
                int expectedSlips) {
    }

    static List<Sale> sales(String prefix) {
        return List.of(
                new Sale(prefix + "-1", "Coffee and cake", 1250, Card.VISA_CHIP, Twist.NONE, "APPROVED", 2),
                new Sale(prefix + "-2", "Lunch set", 8800, Card.UNIONPAY_CONTACTLESS, Twist.NONE, "APPROVED", 2),
                new Sale(prefix + "-3", "Groceries", 5100, Card.MASTERCARD_CHIP, Twist.HOST_DECLINES_51, "DECLINED", 1),
                new Sale(prefix + "-4", "Book", 2000, Card.VISA_CHIP, Twist.CARD_DECLINES, "DECLINED", 1),
                new Sale(prefix + "-5", "Flowers", 3000, Card.UNIONPAY_CONTACTLESS, Twist.HOST_SILENT, "APPROVED_OFFLINE", 2),
                new Sale(prefix + "-6", "Tea", 990, Card.VISA_CHIP, Twist.PAPER_OUT, "APPROVED", 2));
    }

    /** Part two: the acquirer goes down; sales within the offline limits go on, one above them does not. */
    static List<Sale> outage(String prefix) {
        return List.of(
                new Sale(prefix + "-7", "Noodles", 3500, Card.VISA_CHIP, Twist.OUTAGE, "APPROVED_OFFLINE", 2),
                new Sale(prefix + "-8", "Dumplings", 1800, Card.UNIONPAY_CONTACTLESS, Twist.OUTAGE, "APPROVED_OFFLINE", 2),
                new Sale(prefix + "-9", "Television", 25_000, Card.MASTERCARD_CHIP, Twist.OUTAGE, "FAILED", 1),
                new Sale(prefix + "-10", "Coffee", 1250, Card.VISA_CHIP, Twist.OUTAGE, "APPROVED_OFFLINE", 2));
    }

    static String describe(Twist twist) {
        return switch (twist) {
            case NONE -> "";
            case HOST_DECLINES_51 -> "the bank declines it: insufficient funds (51)";
            case CARD_DECLINES -> "the card itself declines it (AAC at first GENERATE AC)";
            case HOST_SILENT -> "the bank does not answer in time: posterm reverses the 0200 (0400) and approves "
                    + "offline within its limits; the advice (0220) follows when the bank is back";
            case PAPER_OUT -> "the printer runs out of paper before the slips";
            case OUTAGE -> "";
        };
    }

    private Shift() {
    }
}
