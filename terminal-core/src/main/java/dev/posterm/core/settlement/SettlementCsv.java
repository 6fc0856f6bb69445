package dev.posterm.core.settlement;

import java.util.List;

/**
 * The CSV of settlement-file.md: RFC 4180, UTF-8 without BOM, CRLF line ends, this header, one row
 * per transaction in the order they happened, {@code chain} last.
 * <pre>
 * seq,time,type,method,wallet,amount,currency,state,host_status,response_code,auth_code,rrn,stan,
 * entry_mode,card_last4,order_id,payment_id,original_payment_id,chain
 * </pre>
 * A field is quoted only when it must be (it holds a comma, a double quote, CR or LF), its quotes
 * doubled: every field we write from our own vocabularies is bare; only ids and host codes could
 * ever need it.
 */
final class SettlementCsv {
    static final List<String> COLUMNS = List.of("seq", "time", "type", "method", "wallet", "amount", "currency",
            "state", "host_status", "response_code", "auth_code", "rrn", "stan", "entry_mode", "card_last4",
            "order_id", "payment_id", "original_payment_id", "chain");
    static final String HEADER = String.join(",", COLUMNS);
    static final String CRLF = "\r\n";

    private SettlementCsv() {
    }

    /** The row as written, up to and excluding the comma before its chain field. */
    static String prefix(long seq, SettlementRow r) {
        StringBuilder s = new StringBuilder(160);
        s.append(seq).append(',').append(r.time()).append(',').append(r.type()).append(',').append(r.method())
                .append(',').append(r.wallet() == SettlementRow.Wallet.NONE ? "" : r.wallet().name())
                .append(',').append(r.amount()).append(',').append(r.currency()).append(',').append(r.state())
                .append(',').append(r.hostStatus()).append(',');
        field(s, r.responseCode()).append(',');
        field(s, r.authCode()).append(',');
        field(s, r.rrn()).append(',');
        field(s, r.stan()).append(',');
        s.append(r.entryMode() == SettlementRow.EntryMode.NONE ? "" : r.entryMode().name()).append(',');
        s.append(r.cardLast4()).append(',');
        field(s, r.orderId()).append(',');
        field(s, r.paymentId()).append(',');
        field(s, r.originalPaymentId());
        return s.toString();
    }

    private static StringBuilder field(StringBuilder s, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? s.append('"').append(value.replace("\"", "\"\"")).append('"') : s.append(value);
    }
}
