package dev.posterm.core.payment;

/**
 * What a payment does to the customer's money: a SALE takes it; a REFUND gives back (part of) an
 * earlier sale's, a VOID cancels an earlier sale of the open batch. REFUND and VOID name the
 * payment they undo ({@code originalPaymentId} in the journal). This release makes SALEs only.
 */
public enum PaymentType { SALE, REFUND, VOID }
