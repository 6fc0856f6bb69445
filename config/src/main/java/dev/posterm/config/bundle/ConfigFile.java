package dev.posterm.config.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Replaces a config file so that, whenever the power goes, the file is whole: the old one or the
 * new one, never half of either ({@code config-bundle.md}: "replaces the config file atomically,
 * the previous one is kept beside it").
 * <pre>
 *   posterm.toml.previous   &lt;- a copy of the old file (temp, fsync, rename)
 *   posterm.toml            &lt;- the new bytes             (temp, fsync, rename)
 *   the folder              fsync, so both renames survive a power cut
 * </pre>
 * The previous file is kept first: a cut between the two renames leaves the old file in place and
 * a copy of it as previous, which is harmless. The new file gets the old one's permissions (it
 * holds the API tokens); the temporary files are created owner-only. A symbolic link at the config
 * path is followed, so the file it points to is replaced and the link stays.
 */
public final class ConfigFile {

    public static final String PREVIOUS_SUFFIX = ".previous";

    private ConfigFile() {
    }

    /** Where the previous config is kept: beside it, {@code .previous} added. */
    public static Path previous(Path config) {
        return config.resolveSibling(config.getFileName() + PREVIOUS_SUFFIX);
    }

    /**
     * Writes {@code bytes} as the config file, keeping the current one as {@link #previous}.
     *
     * @throws IOException the disk is full or read-only, or a rename failed: the config file is then
     *                     unchanged, and no temporary file is left behind
     */
    public static void replace(Path config, byte[] bytes) throws IOException {
        Path target = Files.exists(config) ? config.toRealPath() : config.toAbsolutePath();
        Path folder = target.getParent();
        String name = target.getFileName().toString();
        Path fresh = Files.createTempFile(folder, "." + name + ".", ".new");
        Path kept = null;
        try {
            write(fresh, bytes);
            if (Files.exists(target)) {
                copyPermissions(target, fresh);
                kept = Files.createTempFile(folder, "." + name + ".", PREVIOUS_SUFFIX);
                Files.copy(target, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                force(kept);
                Files.move(kept, previous(target), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            force(folder);
        } finally {
            Files.deleteIfExists(fresh);
            if (kept != null) {
                Files.deleteIfExists(kept);
            }
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** fsync a file, or a folder so the renames in it are on disk. */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view != null) {
            Files.setPosixFilePermissions(to, view.readAttributes().permissions());
        }
    }
}
