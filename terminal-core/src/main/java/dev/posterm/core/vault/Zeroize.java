package dev.posterm.core.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;

/**
 * Destroys every key file under {@code dataDir/keys/}: each is overwritten in place with random
 * bytes of its own length, forced to disk, then deleted, and the directory is forced, so the key
 * is neither in the file system nor in the blocks the file held (as far as the storage obeys an
 * fsync; a flash card's wear levelling may keep an old block, which is why the keys also never
 * leave the board in clear).
 *
 * <pre>
 *  for each regular file F in keys/:   write random(len F) at 0 ── fsync F ── unlink F
 *  then:                               fsync keys/
 * </pre>
 *
 * Every file is attempted even when one fails; a file that could not be destroyed is named in
 * the exception, after the others are gone. Running it again is harmless.
 */
final class Zeroize {
    private Zeroize() {
    }

    /** @return the names of the files destroyed */
    static List<String> keys(Path dataDir) {
        Path dir = dataDir.resolve("keys");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        SecureRandom random = new SecureRandom();
        List<String> destroyed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(file);   // a link is not a key; it goes too, without following it
                    continue;
                }
                try {
                    overwrite(file, random);
                    Files.delete(file);
                    destroyed.add(file.getFileName().toString());
                } catch (IOException e) {
                    failed.add(file.getFileName() + " (" + e.getMessage() + ")");
                }
            }
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            failed.add(dir + " (" + e.getMessage() + ")");
        }
        if (!failed.isEmpty()) {
            throw new VaultException("could not destroy every key file: " + String.join(", ", failed)
                    + "; destroyed: " + destroyed);
        }
        Logger.warn("card vault: destroyed the key files {} in {}", destroyed, dir);
        return destroyed;
    }

    private static void overwrite(Path file, SecureRandom random) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = channel.size();
            byte[] noise = new byte[(int) Math.min(size, 4096)];
            for (long at = 0; at < size; at += noise.length) {
                random.nextBytes(noise);
                ByteBuffer buffer = ByteBuffer.wrap(noise, 0, (int) Math.min(noise.length, size - at));
                long position = at;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
            }
            channel.force(true);
        }
    }
}
