package dev.posterm.core.api;

/**
 * Who is calling, as told by the bearer token: the cash register on the counter or the back
 * office. Config holds one token per role ({@code api.cashier_token}, {@code api.backoffice_token}).
 */
enum Role { CASHIER, BACKOFFICE }
