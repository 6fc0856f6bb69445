package dev.posterm.drivers.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Masking at the source, for every PAN length a card may have (12 to 19 digits). */
class PanTest {
    private static final List<String> PANS = List.of(
            "601100000001",          // 12
            "4000001234562",         // 13, an old Visa
            "378282246310005",       // 15, Amex
            "4761739001010119",      // 16
            "6212345678901234567");  // 19, UnionPay

    @Test
    void maskedLast4ShowsOnlyTheLastFourWhateverTheLength() {
        for (String digits : PANS) {
            String masked = Pan.of(digits).maskedLast4();
            assertEquals("*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4), masked, digits);
        }
    }

    @Test
    void belowSixteenDigitsTheMaskAndToStringShowOnlyTheLastFour() {
        for (String digits : List.of("601100000001", "4000001234562", "378282246310005")) {
            Pan pan = Pan.of(digits);
            String last4 = digits.substring(digits.length() - 4);
            assertEquals("*".repeat(digits.length() - 4) + last4, pan.masked(), digits);
            assertEquals(pan.masked(), pan.toString());
            assertFalse(pan.toString().contains(digits.substring(0, 6)), pan.toString());
        }
    }

    @Test
    void fromSixteenDigitsTheMaskShowsAtMostTheFirstSixAndLastFour() {
        assertEquals("476173******0119", Pan.of("4761739001010119").masked());
        assertEquals("621234*********4567", Pan.of("6212345678901234567").masked());
    }
}
