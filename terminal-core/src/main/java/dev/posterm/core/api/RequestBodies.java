package dev.posterm.core.api;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.OfflineBehavior;
import dev.posterm.core.payment.PaymentMethod;
import java.util.Arrays;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns request bodies into the engine's requests, refusing (400, naming the field) anything the
 * engine should never have to look at. What needs the engine's state (is the order payable, is
 * {@code tendered} enough) stays with the engine.
 *
 * <p>Limits chosen here, where the spec is silent: amounts are 1 to 999 999 999 999 minor units
 * (the 12 digits of ISO 8583 field 4); an {@code orderId} is 1 to 64 of {@code A-Z a-z 0-9 . _ -}
 * (it travels in URL paths and on slips); a description at most 200 characters; a QR code 1 to
 * 512 printable ASCII characters; {@code payWithinSeconds} 1 to 86 400.
 */
final class RequestBodies {
    static final long MAX_AMOUNT = 999_999_999_999L;
    static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern QR_CODE = Pattern.compile("[\\x20-\\x7E]{1,512}");
    private static final int MAX_DESCRIPTION = 200;
    private static final int MAX_PAY_WITHIN_SECONDS = 86_400;

    private static final Set<String> ORDER_FIELDS =
            Set.of("orderId", "amount", "currency", "description", "payWithinSeconds");
    private static final Set<String> PAYMENT_FIELDS = Set.of("method", "qrCode", "tendered", "offlineBehavior");

    private final String terminalCurrency;

    RequestBodies(String terminalCurrency) {
        this.terminalCurrency = terminalCurrency;
    }

    /** {@code POST /orders}: {@code {orderId?, amount, currency, description?, payWithinSeconds?}}. */
    NewOrder newOrder(JsonFields body) throws Refused {
        body.allowOnly(ORDER_FIELDS);
        Optional<String> orderId = body.optionalText("orderId");
        if (orderId.isPresent() && !ORDER_ID.matcher(orderId.get()).matches()) {
            throw bad("Field 'orderId' must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.");
        }
        long amount = positiveAmount("amount", body.requiredInteger("amount"));
        String currency = currency(body.requiredText("currency"));
        Optional<String> description = body.optionalText("description");
        if (description.isPresent() && description.get().length() > MAX_DESCRIPTION) {
            throw bad("Field 'description' must be at most " + MAX_DESCRIPTION + " characters.");
        }
        Optional<Long> within = body.optionalInteger("payWithinSeconds");
        if (within.isPresent() && (within.get() < 1 || within.get() > MAX_PAY_WITHIN_SECONDS)) {
            throw bad("Field 'payWithinSeconds' must be between 1 and " + MAX_PAY_WITHIN_SECONDS + ".");
        }
        return new NewOrder(orderId, new Money(amount, currency), description, within.map(Long::intValue));
    }

    /** {@code POST /payments/{id}/refund}: {@code {amount}}, minor units in the terminal's currency. */
    long refundAmount(JsonFields body) throws Refused {
        body.allowOnly(Set.of("amount"));
        return positiveAmount("amount", body.requiredInteger("amount"));
    }

    /** {@code POST /orders/{id}/payments}: {@code {method, qrCode?, tendered?, offlineBehavior?}}. */
    NewPayment newPayment(JsonFields body) throws Refused {
        body.allowOnly(PAYMENT_FIELDS);
        PaymentMethod method = method(body.requiredText("method"));
        Optional<String> qrCode = body.optionalText("qrCode");
        if (qrCode.isPresent() && method != PaymentMethod.QR) {
            throw bad("Field 'qrCode' is only for method QR.");
        }
        if (qrCode.isPresent() && !QR_CODE.matcher(qrCode.get()).matches()) {
            throw bad("Field 'qrCode' must be 1 to 512 printable ASCII characters.");
        }
        Optional<Long> tendered = body.optionalInteger("tendered");
        if (tendered.isPresent() && method != PaymentMethod.CASH) {
            throw bad("Field 'tendered' is only for method CASH.");
        }
        if (tendered.isPresent()) {
            positiveAmount("tendered", tendered.get());
        }
        Optional<String> behavior = body.optionalText("offlineBehavior");
        if (behavior.isPresent() && method != PaymentMethod.CARD) {
            throw bad("Field 'offlineBehavior' is only for method CARD.");
        }
        return new NewPayment(method, qrCode, tendered, behavior.isEmpty() ? OfflineBehavior.PREFER_ONLINE
                : offlineBehavior(behavior.get()));
    }

    private static OfflineBehavior offlineBehavior(String text) throws Refused {
        try {
            return OfflineBehavior.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw bad("Field 'offlineBehavior' must be PREFER_ONLINE, REQUIRE_ONLINE or FORCE_OFFLINE, not "
                    + echo(text) + ".");
        }
    }

    private static long positiveAmount(String field, long value) throws Refused {
        if (value <= 0) {
            throw bad("Field '" + field + "' must be a positive integer of minor units, not " + value + ".");
        }
        if (value > MAX_AMOUNT) {
            throw bad("Field '" + field + "' must be at most " + MAX_AMOUNT + " minor units.");
        }
        return value;
    }

    private String currency(String code) throws Refused {
        if (!code.matches("[A-Z]{3}") || !isIso4217(code)) {
            throw bad("Field 'currency' must be an ISO 4217 alphabetic code such as \"" + terminalCurrency
                    + "\"; " + echo(code) + " is not one.");
        }
        if (!code.equals(terminalCurrency)) {
            throw new Refused(ErrorCode.CURRENCY_MISMATCH, "Field 'currency' is " + code
                    + " but this terminal takes " + terminalCurrency + ".");
        }
        return code;
    }

    private static boolean isIso4217(String code) {
        return Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }

    private static PaymentMethod method(String name) throws Refused {
        return Arrays.stream(PaymentMethod.values()).filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> bad("Field 'method' must be one of CARD, QR, CASH; " + echo(name) + " is not one."));
    }

    /** The caller's value, quoted and cut short: enough to spot a typo, never a body's worth. */
    private static String echo(String given) {
        return "'" + (given.length() <= 16 ? given : given.substring(0, 16) + "...") + "'";
    }

    private static Refused bad(String detail) {
        return new Refused(ErrorCode.BAD_REQUEST, detail);
    }
}
