package dev.posterm.core.report;

import java.util.Locale;
import java.util.Optional;

/**
 * A card's brand, told by its AID's registered application provider (the first 10 hex digits, ISO
 * 7816-5), so it never needs the card number; an unknown RID falls back to the card's own
 * application label, then to OTHER.
 */
final class CardBrand {
    private CardBrand() {
    }

    static String of(Optional<String> aid, Optional<String> appLabel) {
        String rid = aid.map(a -> a.toUpperCase(Locale.ROOT)).filter(a -> a.length() >= 10).map(a -> a.substring(0, 10))
                .orElse("");
        return switch (rid) {
            case "A000000003" -> "VISA";
            case "A000000004", "A000000005" -> "MASTERCARD";
            case "A000000333" -> "UNIONPAY";
            case "A000000065" -> "JCB";
            case "A000000025" -> "AMEX";
            case "A000000152" -> "DISCOVER";
            default -> appLabel.map(l -> l.strip().toUpperCase(Locale.ROOT)).filter(l -> l.matches("[A-Z0-9 ]{1,16}"))
                    .orElse("OTHER");
        };
    }
}
