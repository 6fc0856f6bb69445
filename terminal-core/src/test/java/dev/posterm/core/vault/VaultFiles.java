package dev.posterm.core.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Key files written by hand, as a technician restoring a backup would. */
final class VaultFiles {
    private VaultFiles() {
    }

    static void writeKeys(Path dataDir, byte[] dataKey, byte[] hashKey) throws IOException {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        write(keys.resolve("card-data.key"), dataKey);
        write(keys.resolve("card-hash.key"), hashKey);
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    static byte[] counting(int from) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (from + i);
        }
        return key;
    }
}
