package dev.posterm.core.payment;


public enum PaymentMethod { CARD, QR, CASH }
