package dev.posterm.core.engine;

public enum OrderState { UNPAID, PAYING, PAID, EXPIRED, CANCELLED, REFUNDED }
