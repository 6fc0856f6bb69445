package dev.posterm.core.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthCodeTest {

    @Test
    void eachWalletsCodesAreRecognisedByPrefixAndLength() {
        assertEquals(Wallet.WECHAT, code("134567890123456789").wallet());
        assertEquals(Wallet.WECHAT, code("104567890123456789").wallet());
        assertEquals(Wallet.ALIPAY, code("2812345678901234").wallet());
        assertEquals(Wallet.ALIPAY, code("301234567890123456789012").wallet());
        assertEquals(Wallet.UNIONPAY, code("6212345678901234567").wallet());
    }

    @Test
    void aProductBarcodeOrAnyOtherTextIsNotAPaymentCode() {
        for (String text : List.of("6901234567892",            // EAN-13 of a product
                "13456789012345678",                              // WeChat prefix, 17 digits
                "1345678901234567890",                            // WeChat prefix, 19 digits
                "621234567890123456",                             // UnionPay prefix, 18 digits
                "3112345678901234",                               // 31: nobody's prefix
                "28123456789012345678901234",                     // Alipay prefix, 26 digits
                "https://example.com/p/1", "1345678901234567 9", "", "09345678901234567")) {
            assertInstanceOf(AuthCode.NotAPaymentCode.class, AuthCode.read(text), text);
        }
        assertThrows(IllegalArgumentException.class, () -> new AuthCode("6901234567892", Wallet.WECHAT));
        assertThrows(IllegalArgumentException.class, () -> new AuthCode("2812345678901234", Wallet.WECHAT));
    }

    @Test
    void theCodeIsMaskedWhereverItIsPrinted() {
        AuthCode code = code("134567890123456789");

        assertEquals("WECHAT 13************6789", code.toString());
        assertFalse(AuthCode.read("1345678901234567").toString().contains("1345678901234567"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AuthCode("134567890123456789", Wallet.ALIPAY));
        assertFalse(e.getMessage().contains("134567890123456789"), e.getMessage());
    }

    static AuthCode code(String digits) {
        return ((AuthCode.Valid) AuthCode.read(digits)).code();
    }
}
