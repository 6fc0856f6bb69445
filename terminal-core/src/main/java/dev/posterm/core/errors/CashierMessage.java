package dev.posterm.core.errors;

import java.util.Locale;
import java.util.Optional;

/**
 * What a cashier reads about an outcome, in English and Simplified Chinese: what happened and what
 * to do. A message that says to call support gets the terminal's support contact
 * ({@code terminal.support_contact}) added, when one is configured.
 */
public record CashierMessage(String english, String chinese) {
    private static final String ZH_CALL_SUPPORT = "联系技术支持";

    public static CashierMessage of(ErrorCode code) {
        return new CashierMessage(code.english(), code.chinese());
    }

    /** Whether the message tells the cashier to call support. */
    public boolean callsSupport() {
        return english.toLowerCase(Locale.ROOT).contains("call support") || chinese.contains(ZH_CALL_SUPPORT);
    }

    /** This message with the support contact added, if it says to call support and a contact is configured. */
    public CashierMessage withSupport(Optional<String> contact) {
        if (contact.isEmpty() || !callsSupport()) {
            return this;
        }
        return new CashierMessage(english + " Support: " + contact.get() + ".", chinese + "技术支持：" + contact.get() + "。");
    }

    /** The message for an outcome: the host's response code's own, when it declined, else the error code's. */
    public static Optional<CashierMessage> forOutcome(Optional<ErrorCode> error, Optional<String> responseCode) {
        if (error.isEmpty()) {
            return Optional.empty();
        }
        if (error.get() == ErrorCode.HOST_DECLINED) {
            Optional<HostResponse> rc = responseCode.flatMap(HostResponse::of);
            if (rc.isPresent()) {
                return Optional.of(rc.get().toCustomer().message());
            }
        }
        return Optional.of(of(error.get()));
    }
}
