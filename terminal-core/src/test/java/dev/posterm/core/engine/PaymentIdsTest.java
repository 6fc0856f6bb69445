package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Ids the controller makes go into settlement files, whose verifier refuses any run of 13 to 19
 * digits passing the Luhn check (what a card number looks like). A random hex id is all digits in a
 * run of 13 often enough (about 1 in 120 for 20 hex digits) that a day's file would now and then be
 * refused: no id may hold such a run.
 */
class PaymentIdsTest {
    private static final Pattern CARD_LIKE = Pattern.compile("\\d{13}");

    @Test
    void noIdHoldsARunOfThirteenDigits() {
        long cardLike = IntStream.range(0, 20_000).mapToObj(i -> PaymentEngine.randomHex(10))
                .filter(id -> CARD_LIKE.matcher(id).find()).count();
        assertEquals(0, cardLike, "ids with 13 digits in a row");
    }
}
