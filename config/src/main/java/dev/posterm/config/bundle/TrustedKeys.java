package dev.posterm.config.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The office keys a terminal trusts: every PEM public key in {@code <data.dir>/trusted-keys/}, put
 * there at provisioning ({@code config-bundle.md}). No folder, or no key in it, trusts nobody.
 *
 * <p>A file there that is not an Ed25519 public key (a README, an RSA key, a damaged copy) is left
 * out and named in {@link #ignored()}: leaving it out can only refuse a bundle, never admit one,
 * and the technician sees why. Hidden files (a leading dot, as editors' swap files) are skipped.
 */
public record TrustedKeys(Path folder, List<Key> keys, List<String> ignored) {

    /** One trusted key and the file it came from (named when it verifies a bundle). */
    public record Key(String file, PublicKey key) {
    }

    public TrustedKeys {
        keys = List.copyOf(keys);
        ignored = List.copyOf(ignored);
    }

    public static TrustedKeys load(Path folder) {
        List<Key> keys = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new TrustedKeys(folder, keys, ignored);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
            listing.forEach(files::add);
        } catch (IOException e) {
            ignored.add(folder + " cannot be listed: " + e);
            return new TrustedKeys(folder, keys, ignored);
        }
        files.sort(null);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.startsWith(".") || !Files.isRegularFile(file)) {
                continue;
            }
            try {
                for (PublicKey key : Ed25519.publicKeys(Files.readString(file, StandardCharsets.US_ASCII))) {
                    keys.add(new Key(name, key));
                }
            } catch (Ed25519.KeyFileException e) {
                ignored.add(name + " " + e.getMessage());
            } catch (IOException e) {
                ignored.add(name + " cannot be read: " + e);
            }
        }
        return new TrustedKeys(folder, keys, ignored);
    }
}
