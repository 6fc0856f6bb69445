package dev.posterm.core.vault;

import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Track2;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardVaultTest {
    private static final String PAN = "4761739001010119";
    private static final String TRACK2 = "4761739001010119D22122011143804400";
    private static final StoredCard CARD = new StoredCard(Pan.of(PAN), Optional.of(Track2.of(TRACK2)),
            Optional.of(Expiry.ofYymmdd("221231")), Optional.of(1), "9F2608AABBCCDDEEFF0011");

    @TempDir
    Path dataDir;

    private static SealedFor row(String paymentId) {
        return new SealedFor(paymentId, 1250, 42, "Y30042");
    }

    @Test
    void sealedCardOpensToTheSameCardForItsPayment() {
        CardVault vault = CardVault.open(dataDir);

        StoredCard opened = vault.open(vault.seal(CARD, row("pay-0001")), row("pay-0001"));

        assertEquals(CARD, opened);
        assertEquals(PAN, opened.pan().unsafeDigits());
        assertEquals(TRACK2, opened.track2().orElseThrow().unsafeText());
        assertEquals("2212", opened.expiry().orElseThrow().unsafeYymm());
        assertEquals(Optional.of(1), opened.panSequence());
        assertEquals("9F2608AABBCCDDEEFF0011", opened.iccHex());
    }

    @Test
    void aCardWithOnlyAPanAndNoIccDataRoundTrips() {
        CardVault vault = CardVault.open(dataDir);
        StoredCard bare = new StoredCard(Pan.of("6212345678901234567"), Optional.empty(), Optional.empty(), Optional.empty(), "");

        assertEquals(bare, vault.open(vault.seal(bare, row("p")), row("p")));
    }

    @Test
    void sealedCardStillOpensAfterTheVaultIsReopened() {
        byte[] sealed = CardVault.open(dataDir).seal(CARD, row("pay-0001"));

        CardVault reopened = CardVault.open(dataDir);

        assertFalse(reopened.createdDataKey());
        assertEquals(CARD, reopened.open(sealed, row("pay-0001")));
    }

    /*
     * Made outside posterm (Python cryptography's AESGCM) from the layout in the Javadoc, so that a
     * misreading of our own layout cannot hide on both sides:
     *   data key  = 00 01 02 .. 1F
     *   nonce     = A0 A1 .. AB
     *   aad       = 01 | "pay-0001"
     *   plaintext = 01 0010 "4761739001010119"
     *               02 0022 "4761739001010119D22122011143804400"
     *               03 0006 "221231"
     *               04 0002 "01"
     *               05 0016 "9F2608AABBCCDDEEFF0011"
     *   blob      = 01 | nonce | AES-GCM(plaintext) | tag
     */
    @Test
    void opensABlobSealedElsewhereFromTheDocumentedLayout() throws Exception {
        VaultFiles.writeKeys(dataDir, VaultFiles.counting(0x00), VaultFiles.counting(0x20));
        byte[] blob = HexFormat.of().parseHex(
                "01A0A1A2A3A4A5A6A7A8A9AAABE7186C1972FD3388515CB7E3364AF1EE419D60129295765BAA3F11B5469B4530"
                + "E24777CE9E1B170F6DAD36FA394BB2C873287E7856E42A4E425E0D6C9641B78385B8856D0094E1E0E2DBB92AB9"
                + "FEF4FB8C49E9E78685DD3FAB3378AA81AB7C1F2749209B00E082087469EB38668CCE");

        assertEquals(CARD, CardVault.open(dataDir).open(blob, row("pay-0001")));
    }

    /*
     * Version 2, made outside posterm the same way, with the same key, nonce and plaintext:
     *   aad  = 02 | 0008 "pay-0001" | amount 00000000000004E2 (1250) | STAN 0000002A (42) | 0006 "Y30042"
     *   blob = 02 | nonce | AES-GCM(plaintext) | tag
     */
    @Test
    void opensAVersion2BlobSealedElsewhereOnlyForTheRowItWasSealedFor() throws Exception {
        VaultFiles.writeKeys(dataDir, VaultFiles.counting(0x00), VaultFiles.counting(0x20));
        byte[] blob = HexFormat.of().parseHex(
                "02A0A1A2A3A4A5A6A7A8A9AAABE7186C1972FD3388515CB7E3364AF1EE419D60129295765BAA3F11B5469B4530"
                + "E24777CE9E1B170F6DAD36FA394BB2C873287E7856E42A4E425E0D6C9641B78385B8856D0094E1E0E2DBB92AB9"
                + "FEF4FB8C49E9E78685DD3FAB3378AA81AB7C8F2B1CA7D5EBE596C46F0CB45D588FF5");
        CardVault vault = CardVault.open(dataDir);

        assertEquals(CARD, vault.open(blob, new SealedFor("pay-0001", 1250, 42, "Y30042")));
        for (SealedFor other : java.util.List.of(new SealedFor("pay-0001", 1251, 42, "Y30042"),
                new SealedFor("pay-0001", 1250, 43, "Y30042"), new SealedFor("pay-0001", 1250, 42, "Y30043"),
                new SealedFor("pay-0002", 1250, 42, "Y30042"))) {
            assertThrows(VaultException.class, () -> vault.open(blob, other), other.toString());
        }
    }

    @Test
    void aBlobUnderARowWhoseAmountStanOrAuthCodeChangedDoesNotOpen() {
        CardVault vault = CardVault.open(dataDir);
        byte[] sealed = vault.seal(CARD, new SealedFor("pay-0001", 1250, 42, "Y30042"));

        assertThrows(VaultException.class, () -> vault.open(sealed, new SealedFor("pay-0001", 125_000, 42, "Y30042")));
        assertThrows(VaultException.class, () -> vault.open(sealed, new SealedFor("pay-0001", 1250, 7, "Y30042")));
        assertThrows(VaultException.class, () -> vault.open(sealed, new SealedFor("pay-0001", 1250, 42, "Y19999")));
    }

    @Test
    void sealedLayoutIsVersionNonceCiphertextAndTag() {
        CardVault vault = CardVault.open(dataDir);
        byte[] first = vault.seal(CARD, row("pay-0001"));
        byte[] second = vault.seal(CARD, row("pay-0001"));

        // 95 bytes of plaintext (see the test above) + version + nonce + 16-byte tag
        assertEquals(1 + 12 + 95 + 16, first.length);
        assertEquals(0x02, first[0], "version 2: bound to payment id, amount, STAN and auth code");
        // A fresh nonce each time: the same card never seals to the same bytes.
        assertNotEquals(HexFormat.of().formatHex(first, 1, 13), HexFormat.of().formatHex(second, 1, 13));
    }

    @Test
    void everyAlteredByteIsRefused() {
        CardVault vault = CardVault.open(dataDir);
        byte[] sealed = vault.seal(CARD, row("pay-0001"));

        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertThrows(VaultException.class, () -> vault.open(altered, row("pay-0001")), "byte " + i);
        }
    }

    @Test
    void aCutBlobIsRefused() {
        CardVault vault = CardVault.open(dataDir);
        byte[] sealed = vault.seal(CARD, row("pay-0001"));

        for (int length : new int[] {0, 1, 13, 28, sealed.length - 1}) {
            byte[] cut = java.util.Arrays.copyOf(sealed, length);
            assertThrows(VaultException.class, () -> vault.open(cut, row("pay-0001")), "length " + length);
        }
    }

    @Test
    void aBlobMovedToAnotherPaymentIsRefusedWithoutCardDataInTheMessage() {
        CardVault vault = CardVault.open(dataDir);
        byte[] sealed = vault.seal(CARD, row("pay-0001"));

        VaultException e = assertThrows(VaultException.class, () -> vault.open(sealed, row("pay-0002")));

        assertTrue(e.getMessage().contains("pay-0002"), e.getMessage());
        assertFalse(e.getMessage().contains("4761739"), e.getMessage());
        assertFalse(e.getMessage().contains("0119"), e.getMessage());
    }

    @Test
    void aBlobSealedUnderAnotherTerminalsKeyIsRefused(@TempDir Path otherDataDir) {
        byte[] sealed = CardVault.open(otherDataDir).seal(CARD, row("pay-0001"));

        assertThrows(VaultException.class, () -> CardVault.open(dataDir).open(sealed, row("pay-0001")));
    }

    @Test
    void sealedBytesNeverHoldTheCardInClear() {
        CardVault vault = CardVault.open(dataDir);

        for (int i = 0; i < 200; i++) {
            String sealed = new String(vault.seal(CARD, row("pay-" + i)), StandardCharsets.ISO_8859_1);
            String hex = HexFormat.of().formatHex(sealed.getBytes(StandardCharsets.ISO_8859_1)).toUpperCase();
            assertFalse(sealed.contains(PAN), "PAN digits in sealed bytes");
            assertFalse(sealed.contains(TRACK2), "track 2 in sealed bytes");
            // PAN as packed BCD, as it travels in tag 5A
            assertFalse(hex.contains(PAN), "PAN as BCD in sealed bytes");
            assertFalse(sealed.contains("221231"), "expiry in sealed bytes");
        }
    }

    /* Expected value from outside posterm:
     * printf 4761739001010119 | openssl dgst -sha256 -mac HMAC -macopt hexkey:202122...3F */
    @Test
    void cardHashIsHmacSha256OfThePanDigitsUnderTheHashKey() throws Exception {
        VaultFiles.writeKeys(dataDir, VaultFiles.counting(0x00), VaultFiles.counting(0x20));

        assertEquals(new CardHash("95C580F38854239CFD0D8C8C6FFF0EA35BA533A467DD90F35F90205FF0E70874"),
                CardVault.open(dataDir).hash(Pan.of(PAN)));
    }

    @Test
    void cardHashIsStableAcrossReopenAndDiffersBetweenCards() {
        CardHash first = CardVault.open(dataDir).hash(Pan.of(PAN));
        CardHash again = CardVault.open(dataDir).hash(Pan.of(PAN));
        CardHash other = CardVault.open(dataDir).hash(Pan.of("4761739001010127"));

        assertEquals(first, again);
        assertNotEquals(first, other);
        assertTrue(first.hex().matches("[0-9A-F]{64}"), first.hex());
    }

    @Test
    void cardHashIsKeyedSoAnotherTerminalGetsAnotherHash(@TempDir Path otherDataDir) {
        assertNotEquals(CardVault.open(dataDir).hash(Pan.of(PAN)), CardVault.open(otherDataDir).hash(Pan.of(PAN)));
    }

    @Test
    void aMerchantsSharedHashKeyGivesTheSameHashOnEveryTerminal(@TempDir Path otherDataDir) throws Exception {
        VaultFiles.writeKeys(dataDir, VaultFiles.counting(0x00), VaultFiles.counting(0x20));
        VaultFiles.writeKeys(otherDataDir, VaultFiles.counting(0x40), VaultFiles.counting(0x20));

        assertEquals(CardVault.open(dataDir).hash(Pan.of(PAN)), CardVault.open(otherDataDir).hash(Pan.of(PAN)));
    }
}
