package dev.posterm.core.engine;

public enum PaymentMethod { CARD, QR, CASH }
