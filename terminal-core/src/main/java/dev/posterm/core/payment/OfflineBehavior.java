package dev.posterm.core.payment;


/** What the cash register asks of a payment when the host cannot be reached. */
public enum OfflineBehavior {
    /** Online when the host answers, offline within the merchant's limits when it does not (default). */
    PREFER_ONLINE,
    /** Never offline: the payment fails when the host cannot approve it. */
    REQUIRE_ONLINE,
    /** A known outage: do not try the host, decide offline at once. */
    FORCE_OFFLINE
}
