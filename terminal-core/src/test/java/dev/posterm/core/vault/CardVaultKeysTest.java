package dev.posterm.core.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardVaultKeysTest {
    @TempDir
    Path dataDir;

    @Test
    void firstStartCreatesTwoDifferentOwnerOnlyKeysInAnOwnerOnlyDirectory() throws Exception {
        CardVault vault = CardVault.open(dataDir);

        Path keys = dataDir.resolve("keys");
        Path data = keys.resolve("card-data.key");
        Path hash = keys.resolve("card-hash.key");
        assertTrue(vault.createdDataKey());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hash)));
        assertEquals(32, Files.size(data));
        assertEquals(32, Files.size(hash));
        assertFalse(Arrays.equals(Files.readAllBytes(data), Files.readAllBytes(hash)), "the two keys must differ");
        assertFalse(Files.exists(keys.resolve("card-data.key.new")), "no half-written key left behind");
    }

    @Test
    void reopeningKeepsTheKeys() throws Exception {
        CardVault.open(dataDir);
        byte[] data = Files.readAllBytes(dataDir.resolve("keys/card-data.key"));
        byte[] hash = Files.readAllBytes(dataDir.resolve("keys/card-hash.key"));

        CardVault again = CardVault.open(dataDir);

        assertFalse(again.createdDataKey());
        assertTrue(Arrays.equals(data, Files.readAllBytes(dataDir.resolve("keys/card-data.key"))));
        assertTrue(Arrays.equals(hash, Files.readAllBytes(dataDir.resolve("keys/card-hash.key"))));
    }

    @Test
    void aKeyFileReadableByOthersIsRefusedWithTheFix() throws Exception {
        CardVault.open(dataDir);
        Path data = dataDir.resolve("keys/card-data.key");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-r--r--"));

        VaultException e = assertThrows(VaultException.class, () -> CardVault.open(dataDir));

        assertTrue(e.getMessage().contains(data.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        // Refused, not quietly repaired: whoever runs the terminal decides whether the key leaked.
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }

    @Test
    void aHashKeyReadableByTheGroupIsRefused() throws Exception {
        CardVault.open(dataDir);
        Files.setPosixFilePermissions(dataDir.resolve("keys/card-hash.key"), PosixFilePermissions.fromString("rw-r-----"));

        assertThrows(VaultException.class, () -> CardVault.open(dataDir));
    }

    @Test
    void aKeyDirectoryOpenToOthersIsRefused() throws Exception {
        CardVault.open(dataDir);
        Files.setPosixFilePermissions(dataDir.resolve("keys"), PosixFilePermissions.fromString("rwxr-xr-x"));

        VaultException e = assertThrows(VaultException.class, () -> CardVault.open(dataDir));

        assertTrue(e.getMessage().contains("chmod 700"), e.getMessage());
    }

    @Test
    void aKeyFileOfTheWrongLengthIsRefusedAndLeftForRestore() throws Exception {
        CardVault.open(dataDir);
        Path data = dataDir.resolve("keys/card-data.key");
        VaultFiles.write(data, new byte[31]);

        VaultException e = assertThrows(VaultException.class, () -> CardVault.open(dataDir));

        assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
        assertEquals(31, Files.size(data), "a damaged key is never replaced by a new one");
    }

    @Test
    void aMissingHashKeyIsCreatedWithoutTouchingTheDataKey() throws Exception {
        VaultFiles.writeKeys(dataDir, VaultFiles.counting(0), VaultFiles.counting(0x20));
        Files.delete(dataDir.resolve("keys/card-hash.key"));

        CardVault vault = CardVault.open(dataDir);

        assertFalse(vault.createdDataKey());
        assertTrue(Arrays.equals(VaultFiles.counting(0), Files.readAllBytes(dataDir.resolve("keys/card-data.key"))));
        assertEquals(32, Files.size(dataDir.resolve("keys/card-hash.key")));
    }

    @Test
    void aKeyHalfWrittenByACrashIsDiscarded() throws Exception {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        VaultFiles.write(keys.resolve("card-data.key.new"), new byte[7]);

        CardVault vault = CardVault.open(dataDir);

        assertTrue(vault.createdDataKey());
        assertEquals(32, Files.size(keys.resolve("card-data.key")));
        assertFalse(Files.exists(keys.resolve("card-data.key.new")));
    }

    @Test
    void destroyingTheKeysOverwritesEachFileInPlaceThenDeletesIt() throws Exception {
        CardVault vault = CardVault.open(dataDir);
        Path data = dataDir.resolve("keys/card-data.key");
        byte[] key = Files.readAllBytes(data);
        // A second name for the same blocks: after the key file is gone, it shows what was left in them.
        Path sameBlocks = dataDir.resolve("same-blocks");
        Files.createLink(sameBlocks, data);
        Files.write(dataDir.resolve("keys/card-data.key.new"), new byte[32]);

        java.util.List<String> destroyed = CardVault.destroyKeys(dataDir);

        assertEquals(java.util.Set.of("card-data.key", "card-hash.key", "card-data.key.new"),
                java.util.Set.copyOf(destroyed));
        try (var left = Files.list(dataDir.resolve("keys"))) {
            assertEquals(0, left.count(), "every key file deleted");
        }
        assertEquals(32, Files.size(sameBlocks));
        assertFalse(Arrays.equals(key, Files.readAllBytes(sameBlocks)), "the key's bytes were overwritten first");
        assertEquals(java.util.List.of(), CardVault.destroyKeys(dataDir), "again: nothing left, no error");
    }

    @Test
    void aForgottenVaultRefusesToSealOpenOrHashAndAVaultWithoutKeysMakesNone() {
        CardVault vault = CardVault.open(dataDir);
        vault.forget();
        assertThrows(VaultException.class, () -> vault.hash(dev.posterm.drivers.reader.Pan.of("4761739001010119")));

        CardVault none = CardVault.withoutKeys();
        assertThrows(VaultException.class, () -> none.hash(dev.posterm.drivers.reader.Pan.of("4761739001010119")));
        assertFalse(none.createdDataKey());
    }
}
