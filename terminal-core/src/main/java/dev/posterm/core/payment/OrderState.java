package dev.posterm.core.payment;


public enum OrderState { UNPAID, PAYING, PAID, EXPIRED, CANCELLED, REFUNDED }
