package dev.posterm.core.settlement;

import dev.posterm.core.settlement.SettlementRow.EntryMode;
import dev.posterm.core.settlement.SettlementRow.HostStatus;
import dev.posterm.core.settlement.SettlementRow.Method;
import dev.posterm.core.settlement.SettlementRow.State;
import dev.posterm.core.settlement.SettlementRow.Type;
import dev.posterm.core.settlement.SettlementRow.Wallet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The column rules of one settlement row (settlement-file.md, "The CSV"), field by field. What it
 * cannot read it reports and leaves out of the totals; the chain is checked by the verifier on the
 * row's text, whatever its fields hold. No message quotes a field that might hold card data.
 */
final class RowCheck {
    static final int COLUMNS = SettlementCsv.COLUMNS.size();
    private static final Pattern SEQ = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Pattern AMOUNT = Pattern.compile("[1-9]\\d{0,11}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern STAN = Pattern.compile("\\d{6}");
    private static final Pattern RRN = Pattern.compile("[0-9A-Za-z ]{12}");
    private static final Pattern AUTH = Pattern.compile("[0-9A-Za-z ]{1,6}");
    private static final Pattern LAST4 = Pattern.compile("\\d{4}");

    /** What the totals and the ordering need from a row that could be read. */
    record Read(long seq, Instant time, Type type, Method method, State state, HostStatus hostStatus, long amount,
                String paymentId) {
    }

    private final CsvRecords.Problems problems;
    private final String currency;

    /** {@code currency}: the manifest's, every row's must equal it (null: not known). */
    RowCheck(CsvRecords.Problems problems, String currency) {
        this.problems = problems;
        this.currency = currency;
    }

    Optional<Read> check(CsvRecords.Record r) {
        List<String> f = r.fields();
        if (f.size() != COLUMNS) {
            say(r, "has " + f.size() + " fields; every row has " + COLUMNS);
            return Optional.empty();
        }
        fullCardNumbers(r);
        boolean ok = true;
        ok &= holds(r, SEQ.matcher(f.get(0)).matches(), "seq is not a positive whole number");
        Instant time = time(r, f.get(1));
        Type type = word(r, Type.class, "type", f.get(2));
        Method method = word(r, Method.class, "method", f.get(3));
        Wallet wallet = f.get(4).isEmpty() ? Wallet.NONE : word(r, Wallet.class, "wallet", f.get(4));
        ok &= holds(r, AMOUNT.matcher(f.get(5)).matches(), "amount is not a positive whole number of minor units"
                + " (at most 12 digits, no sign, no leading zero)");
        ok &= holds(r, CURRENCY.matcher(f.get(6)).matches() && (currency == null || currency.equals(f.get(6))),
                "currency is not the manifest's " + currency);
        State state = word(r, State.class, "state", f.get(7));
        HostStatus host = word(r, HostStatus.class, "host_status", f.get(8));
        EntryMode entry = f.get(13).isEmpty() ? EntryMode.NONE : word(r, EntryMode.class, "entry_mode", f.get(13));
        if (time == null || type == null || method == null || wallet == null || state == null || host == null
                || entry == null || !ok) {
            return Optional.empty();
        }
        codes(r, f);
        cardColumns(r, f, method, entry);
        methodRules(r, f, type, method, wallet, state, host);
        return Optional.of(new Read(Long.parseLong(f.get(0)), time, type, method, state, host,
                Long.parseLong(f.get(5)), f.get(16)));
    }

    private void codes(CsvRecords.Record r, List<String> f) {
        holds(r, f.get(10).isEmpty() || AUTH.matcher(f.get(10)).matches(), "auth_code is not up to 6 letters or digits");
        holds(r, f.get(11).isEmpty() || RRN.matcher(f.get(11)).matches(), "rrn is not 12 letters or digits");
        holds(r, f.get(12).isEmpty() || STAN.matcher(f.get(12)).matches(), "stan is not 6 digits");
        holds(r, !f.get(15).isEmpty(), "order_id is empty");
        holds(r, !f.get(16).isEmpty(), "payment_id is empty");
    }

    private void cardColumns(CsvRecords.Record r, List<String> f, Method method, EntryMode entry) {
        String last4 = f.get(14);
        if (!last4.isEmpty() && !LAST4.matcher(last4).matches()) {
            long digits = last4.chars().filter(Character::isDigit).count();
            say(r, "card_last4 holds " + last4.length() + " characters (" + digits + " digits): a settlement file"
                    + " holds the last four digits of a card and nothing more");
        }
        if (method != Method.CARD) {
            holds(r, last4.isEmpty(), "card_last4 is given for a " + method + " payment");
            holds(r, entry == EntryMode.NONE, "entry_mode is given for a " + method + " payment");
        }
    }

    private void methodRules(CsvRecords.Record r, List<String> f, Type type, Method method, Wallet wallet,
                             State state, HostStatus host) {
        holds(r, (method == Method.QR) == (wallet != Wallet.NONE), method == Method.QR
                ? "wallet is empty for a QR payment" : "wallet is given for a " + method + " payment");
        holds(r, method == Method.CARD || host == HostStatus.NONE, "host_status is " + host + " for a " + method
                + " payment, which never goes to the acquirer (NONE)");
        holds(r, method != Method.CASH || f.get(9).isEmpty(), "response_code is given for a cash payment");
        boolean offline = host == HostStatus.ADVISED || host == HostStatus.CARRIED_OVER
                || host == HostStatus.DECLINED_AFTER_FORWARDING;
        holds(r, !offline || type == Type.SALE, "host_status " + host + " is for sales approved offline, not a " + type);
        holds(r, type == Type.SALE || (state != State.VOIDED && state != State.REFUNDED
                && state != State.APPROVED_OFFLINE), "state " + state + " is a sale's, not a " + type + "'s");
        holds(r, (type == Type.SALE) == f.get(17).isEmpty(), type == Type.SALE
                ? "original_payment_id is given for a SALE" : "original_payment_id is empty for a " + type);
    }

    /** Any run of 13 to 19 digits that passes the Luhn check, in any column but amount and chain. */
    private void fullCardNumbers(CsvRecords.Record r) {
        List<String> f = r.fields();
        for (int i = 0; i < f.size() - 1; i++) {
            int digits = i == 5 ? 0 : longestLuhnRun(f.get(i));
            if (digits > 0) {
                say(r, SettlementCsv.COLUMNS.get(i) + " holds what looks like a full card number (" + digits
                        + " digits passing the Luhn check); not shown here");
            }
        }
    }

    /** The length of the first run of 13 to 19 digits passing Luhn, else 0 (a plain loop: every field of every row). */
    private static int longestLuhnRun(String s) {
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean digit = i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
            if (digit && start < 0) {
                start = i;
            } else if (!digit && start >= 0) {
                int length = i - start;
                if (length >= 13 && length <= 19 && luhn(s.substring(start, i))) {
                    return length;
                }
                start = -1;
            }
        }
        return 0;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private Instant time(CsvRecords.Record r, String s) {
        if (TIME.matcher(s).matches()) {
            try {
                return Instant.parse(s);
            } catch (java.time.format.DateTimeParseException e) {
                // reported below
            }
        }
        say(r, "time '" + s + "' is not ISO 8601 UTC to the second (2026-12-03T15:32:23Z)");
        return null;
    }

    private <E extends Enum<E>> E word(CsvRecords.Record r, Class<E> words, String column, String s) {
        for (E e : words.getEnumConstants()) {
            if (e.name().equals(s) && !e.name().equals("NONE") || e.name().equals("NONE")
                    && s.equals("NONE") && words == HostStatus.class) {
                return e;
            }
        }
        say(r, column + " '" + printable(s) + "' is not one of the spec's words");
        return null;
    }

    private static String printable(String s) {
        String cut = s.length() > 30 ? s.substring(0, 30) + "..." : s;
        return cut.replaceAll("\\d{5,}", "<digits>").replaceAll("[^ -~]", "?");
    }

    private boolean holds(CsvRecords.Record r, boolean rule, String otherwise) {
        if (!rule) {
            say(r, otherwise);
        }
        return rule;
    }

    private void say(CsvRecords.Record r, String what) {
        String seq = r.fields().isEmpty() ? "" : r.fields().get(0);
        problems.add(r.line(), (SEQ.matcher(seq).matches() ? "row " + seq + ": " : "") + what);
    }
}
