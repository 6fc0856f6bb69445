package dev.posterm.core.vault;

import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Track2;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Card data at rest: AES-256-GCM under a data key that lives beside the journal, never in it.
 *
 * <pre>
 *   data.dir/keys/            0700
 *   data.dir/keys/card-data.key   0600   32 random bytes: the AES-256 key
 *   data.dir/keys/card-hash.key   0600   32 random bytes: the HMAC-SHA256 key of card hashes
 *
 *   sealed = version(1) = 0x01 | nonce(12) | ciphertext | tag(16)
 *   AAD    = the payment id (a blob cannot be moved to another row)
 *   plain  = PAN | track 2 | expiry YYMMDD | PAN sequence | field 55, each a UTF-8 string with a
 *            2-byte length ("" when absent)
 * </pre>
 *
 * Keys are made on first start. A key file that others can read, or of the wrong size, stops the
 * terminal with a message saying so: a journal of sealed card data is only as safe as its key.
 */
public final class CardVault {
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec dataKey;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    private CardVault(byte[] dataKey, byte[] hashKey) {
        this.dataKey = new SecretKeySpec(dataKey, "AES");
        this.hashKey = new SecretKeySpec(hashKey, "HmacSHA256");
    }

    /** Opens the vault of {@code dataDir}, making its keys on first use. */
    public static CardVault open(Path dataDir) {
        try {
            Path keys = dataDir.resolve("keys");
            if (!Files.exists(keys)) {
                Files.createDirectories(keys);
                Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
            }
            return new CardVault(key(keys.resolve("card-data.key")), key(keys.resolve("card-hash.key")));
        } catch (IOException e) {
            throw new VaultException("cannot open the card data keys under " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] key(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(file, fresh);
            return fresh;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new VaultException(file + " is readable by others (" + PosixFilePermissions.toString(perms)
                    + "): make it 0600 (chmod 600) or restore it from a safe copy");
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != 32) {
            throw new VaultException(file + " holds " + key.length + " bytes, not a 32-byte key");
        }
        return key;
    }

    /** Seals {@code card} for the row {@code aad} (the payment id). */
    public byte[] seal(StoredCard card, String aad) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain(card));
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new VaultException("sealing card data failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Opens what {@link #seal} made for the same {@code aad}; refuses anything tampered with. */
    public StoredCard open(byte[] sealed, String aad) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new VaultException("sealed card data has an unknown format");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return card(c.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE));
        } catch (GeneralSecurityException e) {
            throw new VaultException("sealed card data of " + aad + " does not open: wrong key, wrong row or tampered");
        }
    }

    /** The card's keyed hash: the same card, the same hash, on this terminal only. */
    public CardHash hash(Pan pan) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            byte[] h = mac.doFinal(pan.unsafeDigits().getBytes(StandardCharsets.US_ASCII));
            return new CardHash(HexFormat.of().withUpperCase().formatHex(h));
        } catch (GeneralSecurityException e) {
            throw new VaultException("hashing a card failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] plain(StoredCard card) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(card.pan().unsafeDigits());
            out.writeUTF(card.track2().map(Track2::unsafeText).orElse(""));
            out.writeUTF(card.expiry().map(Expiry::unsafeYymmdd).orElse(""));
            out.writeUTF(card.panSequence().map(String::valueOf).orElse(""));
            out.writeUTF(card.iccHex());
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    private static StoredCard card(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plain))) {
            Pan pan = Pan.of(in.readUTF());
            Optional<Track2> track2 = Optional.of(in.readUTF()).filter(s -> !s.isEmpty()).map(Track2::of);
            Optional<Expiry> expiry = Optional.of(in.readUTF()).filter(s -> !s.isEmpty()).map(Expiry::ofYymmdd);
            Optional<Integer> sequence = Optional.of(in.readUTF()).filter(s -> !s.isEmpty()).map(Integer::valueOf);
            return new StoredCard(pan, track2, expiry, sequence, in.readUTF());
        } catch (IOException | IllegalArgumentException e) {
            throw new VaultException("sealed card data opened but is not a stored card");
        }
    }
}
