package dev.posterm.core.wallet;

/**
 * The QR wallet gateway (wallet-gateway.md) as the controller sees it: one method per call, each
 * answering with a sealed outcome, never an exception for something the gateway or the network did.
 * Every call is one HTTP exchange with its own nonce; repeating a call (a query, a reverse) is the
 * caller's decision ({@link QrPaymentFlow}). Thread-safe.
 */
public interface WalletGateway {

    PayOutcome pay(GatewayCall.Pay call) throws InterruptedException;

    QueryOutcome query(GatewayCall.Query call) throws InterruptedException;

    ReverseOutcome reverse(GatewayCall.Reverse call) throws InterruptedException;

    RefundOutcome refund(GatewayCall.Refund call) throws InterruptedException;
}
