package dev.posterm.core.vault;

import java.util.Objects;

/**
 * The advice row a sealed blob belongs to: what {@link CardVault} binds it to as GCM additional
 * data. A blob copied onto another row, or left in place under a row whose amount, STAN or
 * authorisation code was changed, does not open: the 0220 the row would make is not the sale the
 * card data was sealed for.
 *
 * @param paymentId the payment's id
 * @param amount    field 4, minor units
 * @param stan      field 11
 * @param authCode  field 38, the terminal's own (Y1/Y3 + 4 digits)
 */
public record SealedFor(String paymentId, long amount, int stan, String authCode) {
    public SealedFor {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(authCode, "authCode");
    }
}
