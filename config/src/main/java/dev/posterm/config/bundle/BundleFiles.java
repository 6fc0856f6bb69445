package dev.posterm.config.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds and reads a bundle on disk. {@code PATH} is, as {@code config-bundle.md} says, a stick's
 * mount point (holding {@code posterm/terminal.toml}), a {@code posterm/} folder (holding
 * {@code terminal.toml}), or the TOML file itself, its signature beside it with {@code .sig} added.
 *
 * <p>A folder holding both a {@code terminal.toml} and a {@code posterm/} folder is refused rather
 * than guessed at: the technician must say which bundle is meant. Files larger than a config file
 * can be are refused before they are read, so a stick with a stray disk image cannot fill memory.
 */
public final class BundleFiles {

    public static final String FOLDER = "posterm";
    public static final String TOML = "terminal.toml";
    public static final String SIGNATURE_SUFFIX = ".sig";
    /** example.toml with every key commented is 6 KiB; 1 MiB leaves room for any block list. */
    static final long MAX_TOML_BYTES = 1 << 20;
    /** 88 Base64 characters and a newline; a little room for what editors add, then it is no signature. */
    static final long MAX_SIGNATURE_BYTES = 1 << 10;

    private BundleFiles() {
    }

    /** What reading found: a bundle to check, or why there is none to check. */
    public sealed interface Read {
    }

    public record Found(Bundle bundle) implements Read {
    }

    public record Unreadable(String reason) implements Read {
    }

    public static Read read(Path path) {
        Path toml;
        if (Files.isDirectory(path)) {
            boolean here = Files.exists(path.resolve(TOML));
            boolean below = Files.isDirectory(path.resolve(FOLDER));
            if (here && below) {
                return new Unreadable(path + " holds both " + TOML + " and a " + FOLDER + "/ folder: give the folder"
                        + " of the bundle you mean");
            }
            toml = here ? path.resolve(TOML) : path.resolve(FOLDER).resolve(TOML);
        } else {
            toml = path;
        }
        Path signature = toml.resolveSibling(toml.getFileName() + SIGNATURE_SUFFIX);
        try {
            byte[] tomlBytes = bytes(toml, MAX_TOML_BYTES);
            byte[] signatureBytes = bytes(signature, MAX_SIGNATURE_BYTES);
            return new Found(new Bundle(tomlBytes, new String(signatureBytes, StandardCharsets.ISO_8859_1),
                    toml.toString()));
        } catch (IOException e) {
            return new Unreadable(e.getMessage());
        }
    }

    /**
     * The signature is read as Latin-1 so every byte maps to one character: a stray byte is then
     * judged (and refused) by {@link SignatureText}, not lost in decoding.
     */
    private static byte[] bytes(Path file, long max) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " is missing" + (file.toString().endsWith(SIGNATURE_SUFFIX)
                    ? " (the bundle is unsigned or incomplete: copy both files)" : ""));
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] read = in.readNBytes((int) max + 1);
            if (read.length > max) {
                throw new IOException(file + " is larger than " + max + " bytes: not a bundle file");
            }
            return read;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(file + " cannot be read: " + e, e);
        }
    }
}
