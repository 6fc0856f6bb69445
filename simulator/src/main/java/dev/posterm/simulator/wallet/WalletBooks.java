package dev.posterm.simulator.wallet;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated gateway's books: trades by outTradeNo, and what each call does to them
 * (wallet-gateway.md, "Calls"). Answers are field maps, written as JSON by the server. Thread-safe.
 */
final class WalletBooks {
    /** A pay's answer, and whether the server must hold it (no answer). */
    record PayAnswer(Map<String, Object> body, boolean hold) {
    }

    private static final class Book {
        final String outTradeNo;
        final String wallet;
        final long amount;
        final String currency;
        final Behaviour behaviour;
        final Instant payAt;
        final String tradeNo;
        final Map<String, Long> refunds = new HashMap<>();
        final Map<String, String> refundIds = new HashMap<>();
        final List<Instant> reverses = new ArrayList<>();
        String state;
        Instant paidAt;
        int queries;
        int recallsLeft;
        long returned;

        Book(String outTradeNo, String wallet, long amount, String currency, Behaviour behaviour, Instant payAt,
             String tradeNo) {
            this.outTradeNo = outTradeNo;
            this.wallet = wallet;
            this.amount = amount;
            this.currency = currency;
            this.behaviour = behaviour;
            this.payAt = payAt;
            this.tradeNo = tradeNo;
            this.recallsLeft = behaviour.recalls();
        }

        long refunded() {
            return refunds.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Clock clock;
    private final Map<String, Book> books = new LinkedHashMap<>();
    private final AtomicLong serial = new AtomicLong(4200000001L);

    WalletBooks(Clock clock) {
        this.clock = clock;
    }

    synchronized PayAnswer pay(String outTradeNo, long amount, String currency, String authCode, Behaviour behaviour) {
        Book known = books.get(outTradeNo);
        if (known != null) {
            return new PayAnswer(switch (known.state) {
                case "SUCCESS", "REFUND" -> fail("ORDERPAID", "order already paid");
                case "REVOKED" -> fail("ORDERREVERSED", "order reversed");
                case "CLOSED" -> fail("ORDERCLOSED", "order closed");
                case "USERPAYING" -> Map.of("code", "USERPAYING");
                default -> fail("PARAM_ERROR", "outTradeNo used");
            }, false);
        }
        String wallet = walletOf(authCode);
        if (wallet == null) {
            return new PayAnswer(fail("AUTH_CODE_INVALID", "not a payment code"), false);
        }
        Book book = new Book(outTradeNo, wallet, amount, currency, behaviour, clock.instant(),
                Long.toString(serial.getAndIncrement()));
        books.put(outTradeNo, book);
        return switch (behaviour.kind()) {
            case PAID -> new PayAnswer(paidNow(book), false);
            case NO_ANSWER -> new PayAnswer(paidNow(book), true);
            case SYSTEMERROR -> {
                paidNow(book);
                yield new PayAnswer(Map.of("code", "SYSTEMERROR"), false);
            }
            case USERPAYING_THEN_PAID, USERPAYING_FOREVER -> {
                book.state = "USERPAYING";
                yield new PayAnswer(Map.of("code", "USERPAYING"), false);
            }
            case NOTENOUGH -> refusedPay(book, "NOTENOUGH", "balance not enough");
            case AUTHCODE_EXPIRED -> refusedPay(book, "AUTHCODE_EXPIRED", "payment code expired");
        };
    }

    synchronized Map<String, Object> query(String outTradeNo) {
        Book book = books.get(outTradeNo);
        if (book == null) {
            return fail("ORDERNOTEXIST", "order does not exist");
        }
        book.queries++;
        Behaviour b = book.behaviour;
        if (book.state.equals("USERPAYING") && b.kind() == Behaviour.Kind.USERPAYING_THEN_PAID
                && ((b.paidAfterQueries() > 0 && book.queries >= b.paidAfterQueries())
                || (b.paidAfter() != null && !clock.instant().isBefore(book.payAt.plus(b.paidAfter()))))) {
            paidNow(book);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", "SUCCESS");
        answer.put("tradeState", book.state);
        answer.put("tradeNo", book.tradeNo);
        answer.put("wallet", book.wallet);
        answer.put("amount", book.amount);
        if (book.paidAt != null) {
            answer.put("paidAt", book.paidAt.atOffset(ZoneOffset.ofHours(8)).toString());
        }
        return answer;
    }

    synchronized Map<String, Object> reverse(String outTradeNo) {
        Book book = books.get(outTradeNo);
        if (book == null) {
            return fail("ORDERNOTEXIST", "order does not exist");
        }
        book.reverses.add(clock.instant());
        // The customer confirms on the phone when they do, whether or not anyone queries: a reverse
        // that comes after that finds the trade paid (and returns the money).
        if (book.state.equals("USERPAYING") && book.behaviour.kind() == Behaviour.Kind.USERPAYING_THEN_PAID
                && book.behaviour.paidAfter() != null
                && !clock.instant().isBefore(book.payAt.plus(book.behaviour.paidAfter()))) {
            paidNow(book);
        }
        if (book.recallsLeft > 0) {
            book.recallsLeft--;
            return Map.of("code", "SUCCESS", "recall", true);
        }
        switch (book.state) {
            case "SUCCESS", "REFUND" -> {
                book.returned = book.amount - book.refunded();
                book.state = "REVOKED";
            }
            case "USERPAYING", "NOTPAY", "PAYERROR" -> book.state = "CLOSED";
            default -> { } // REVOKED, CLOSED: already closed; reversing again changes nothing
        }
        return Map.of("code", "SUCCESS", "recall", false);
    }

    synchronized Map<String, Object> refund(String outTradeNo, String outRefundNo, long refundAmount) {
        Book book = books.get(outTradeNo);
        if (book == null) {
            return fail("ORDERNOTEXIST", "order does not exist");
        }
        Long earlier = book.refunds.get(outRefundNo);
        if (earlier != null) {
            return earlier == refundAmount ? Map.of("code", "SUCCESS", "refundId", book.refundIds.get(outRefundNo))
                    : fail("PARAM_ERROR", "outRefundNo used with another amount");
        }
        if (!book.state.equals("SUCCESS") && !book.state.equals("REFUND")) {
            return book.state.equals("REVOKED") ? fail("ORDERREVERSED", "order reversed")
                    : fail("PARAM_ERROR", "order not paid");
        }
        if (book.refunded() + refundAmount > book.amount) {
            return fail("REFUND_AMOUNT_EXCEEDED", "refunds would exceed the amount paid");
        }
        String refundId = "R" + serial.getAndIncrement();
        book.refunds.put(outRefundNo, refundAmount);
        book.refundIds.put(outRefundNo, refundId);
        book.state = "REFUND";
        return Map.of("code", "SUCCESS", "refundId", refundId);
    }

    synchronized Trade trade(String outTradeNo) {
        Book b = books.get(outTradeNo);
        return b == null ? null : view(b);
    }

    synchronized List<Trade> trades() {
        return books.values().stream().map(WalletBooks::view).toList();
    }

    private static Trade view(Book b) {
        return new Trade(b.outTradeNo, b.wallet, b.amount, b.currency, b.state, b.tradeNo, b.payAt, b.queries,
                b.refunded(), b.returned, List.copyOf(b.reverses));
    }

    private Map<String, Object> paidNow(Book book) {
        book.state = "SUCCESS";
        book.paidAt = clock.instant();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", "SUCCESS");
        answer.put("tradeNo", book.tradeNo);
        answer.put("wallet", book.wallet);
        answer.put("amount", book.amount);
        answer.put("paidAt", book.paidAt.atOffset(ZoneOffset.ofHours(8)).toString());
        return answer;
    }

    private static PayAnswer refusedPay(Book book, String errCode, String errMsg) {
        book.state = "PAYERROR";
        return new PayAnswer(fail(errCode, errMsg), false);
    }

    static Map<String, Object> fail(String errCode, String errMsg) {
        return Map.of("code", "FAIL", "errCode", errCode, "errMsg", errMsg);
    }

    /** Routing by prefix, as the spec gives it. */
    static String walletOf(String authCode) {
        if (authCode == null || !authCode.matches("\\d{16,24}")) {
            return null;
        }
        int head = Integer.parseInt(authCode.substring(0, 2));
        if (head >= 10 && head <= 15) {
            return authCode.length() == 18 ? "WECHAT" : null;
        }
        if (head >= 25 && head <= 30) {
            return "ALIPAY";
        }
        return head == 62 && authCode.length() == 19 ? "UNIONPAY" : null;
    }
}
