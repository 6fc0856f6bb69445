package dev.posterm.core.wallet;

/**
 * The four calls of the gateway (wallet-gateway.md, "Calls"), each {@code POST {url}/v1/<name>}
 * with the fields as written here. Amounts are minor units.
 */
public sealed interface GatewayCall {

    /** The last part of the call's path. */
    String name();

    OutTradeNo outTradeNo();

    /** Take {@code amount} from the wallet behind {@code authCode}. */
    record Pay(OutTradeNo outTradeNo, long amount, String currency, AuthCode authCode, String subject,
               String terminalId) implements GatewayCall {
        public Pay {
            if (amount <= 0) {
                throw new IllegalArgumentException("amount must be positive, was " + amount);
            }
            if (currency == null || !currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("currency must be ISO 4217 alphabetic, was " + currency);
            }
        }

        @Override
        public String name() {
            return "pay";
        }
    }

    record Query(OutTradeNo outTradeNo) implements GatewayCall {
        @Override
        public String name() {
            return "query";
        }
    }

    /** Close the trade whatever its state: unpaid closed, paid refunded in full. */
    record Reverse(OutTradeNo outTradeNo) implements GatewayCall {
        @Override
        public String name() {
            return "reverse";
        }
    }

    record Refund(OutTradeNo outTradeNo, OutRefundNo outRefundNo, long refundAmount) implements GatewayCall {
        public Refund {
            if (refundAmount <= 0) {
                throw new IllegalArgumentException("refundAmount must be positive, was " + refundAmount);
            }
        }

        @Override
        public String name() {
            return "refund";
        }
    }
}
