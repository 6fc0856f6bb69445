package dev.posterm.core.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

/**
 * One 32-byte secret key in a file of its own under {@code dataDir/keys/}: loaded if present,
 * generated from {@link SecureRandom} if absent.
 *
 * <p>Owner-only or nothing, as ssh treats a private key: the directory must grant group and others
 * nothing (else someone could swap a key file), and so must the file. A file or directory that
 * does is refused with the command that fixes it, never silently chmod-ed: a key that has been
 * readable by others may have been copied, and whoever runs the terminal has to decide that.
 *
 * <p>A new key is written to {@code NAME.new} (created 0600, so it is never readable by others
 * even for a moment), forced to disk, then renamed into place and the directory forced: a crash
 * leaves either no key or the whole key, never a short file that would stop the next start.
 */
final class KeyFile {
    static final int LENGTH = 32;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFile() {
    }

    /** The keys directory, created 0700 if absent; refused if it grants group or others anything. */
    static Path directory(Path dataDir) {
        Path dir = dataDir.resolve("keys");
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                // The umask can only take bits away; set them anyway so the mode is exactly 0700.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
            if (!attributes.isDirectory()) {
                throw new VaultException("key directory " + dir + " is not a directory");
            }
            refuseIfShared(dir, attributes.permissions(), "700");
            return dir;
        } catch (UnsupportedOperationException e) {
            throw new VaultException("key directory " + dir + " is not on a POSIX file system: the card keys need owner-only permissions", e);
        } catch (IOException e) {
            throw new VaultException("cannot prepare key directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Loads {@code dir/name}, or generates and stores it; {@code created} says which happened. */
    static Loaded loadOrCreate(Path dir, String name, SecureRandom random) {
        Path file = dir.resolve(name);
        try {
            if (Files.exists(file)) {
                return new Loaded(load(file), false);
            }
            byte[] key = new byte[LENGTH];
            random.nextBytes(key);
            write(dir, file, key);
            return new Loaded(key, true);
        } catch (IOException e) {
            throw new VaultException("cannot read or create key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] load(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new VaultException("key file " + file + " is not a regular file");
        }
        refuseIfShared(file, attributes.permissions(), "600");
        if (attributes.size() != LENGTH) {
            throw new VaultException("key file " + file + " holds " + attributes.size() + " bytes, not " + LENGTH
                    + ": it is damaged or not a posterm key; restore it from the terminal's backup"
                    + " (a new key cannot open card data sealed under the old one)");
        }
        return Files.readAllBytes(file);
    }

    private static void refuseIfShared(Path path, Set<PosixFilePermission> permissions, String mode) {
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new VaultException(path + " is open to group or others ("
                    + PosixFilePermissions.toString(permissions) + "); posterm will not start with card keys"
                    + " others could read or replace. Run: chmod " + mode + " " + path
                    + " (and if others may have copied a key, treat it as compromised)");
        }
    }

    private static void write(Path dir, Path file, byte[] key) throws IOException {
        Path fresh = dir.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel channel = FileChannel.open(fresh, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(key);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    record Loaded(byte[] key, boolean created) {
    }
}
