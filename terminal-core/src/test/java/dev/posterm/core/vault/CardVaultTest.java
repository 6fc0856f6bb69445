package dev.posterm.core.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Track2;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardVaultTest {
    static final String PAN = "4761739001010119";
    static final StoredCard CARD = new StoredCard(Pan.of(PAN), Optional.of(Track2.of(PAN + "D30122011234500000")),
            Optional.of(Expiry.ofYymmdd("301231")), Optional.of(1), "9F2701409F26081122334455667788");

    @TempDir
    Path dir;

    @Test
    void sealedCardDataOpensForItsRowOnly() {
        CardVault vault = CardVault.open(dir);
        byte[] sealed = vault.seal(CARD, "pay-1");

        assertEquals(CARD, vault.open(sealed, "pay-1"));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(PAN), "no PAN in the sealed bytes");
        assertThrows(VaultException.class, () -> vault.open(sealed, "pay-2"), "moved to another row");
        sealed[20] ^= 1;
        VaultException tampered = assertThrows(VaultException.class, () -> vault.open(sealed, "pay-1"));
        assertFalse(tampered.getMessage().contains(PAN));
    }

    @Test
    void theKeysAreOwnerOnlyAndSurviveARestart() throws Exception {
        byte[] sealed = CardVault.open(dir).seal(CARD, "pay-1");
        Path key = dir.resolve("keys").resolve("card-data.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        assertEquals(32, Files.size(key));

        assertEquals(CARD, CardVault.open(dir).open(sealed, "pay-1"), "the same key after a restart");
    }

    @Test
    void aKeyOthersCanReadStopsTheTerminal() throws Exception {
        CardVault.open(dir);
        Files.setPosixFilePermissions(dir.resolve("keys").resolve("card-data.key"),
                PosixFilePermissions.fromString("rw-r--r--"));
        VaultException e = assertThrows(VaultException.class, () -> CardVault.open(dir));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void aCardHashIsStableForACardAndDiffersBetweenCards() {
        CardVault vault = CardVault.open(dir);
        CardHash one = vault.hash(Pan.of(PAN));
        assertEquals(one, CardVault.open(dir).hash(Pan.of(PAN)));
        assertNotEquals(one, vault.hash(Pan.of("5413330089020011")));
        assertFalse(one.hex().contains(PAN));
    }
}
