package dev.posterm.core.vault;

import dev.posterm.drivers.reader.Pan;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.tinylog.Logger;

/**
 * Card data at rest: seals what an offline sale must keep for its 0220 advice, and names cards by
 * a keyed hash. The only class that uses {@code javax.crypto}.
 *
 * <p>Two keys, each 32 bytes from {@link SecureRandom} in its own owner-only file beside the
 * journal, never in it (see {@link KeyFile}):
 * <pre>
 *  dataDir/keys/            0700
 *  dataDir/keys/card-data.key  0600  AES-256 key of the sealed card data
 *  dataDir/keys/card-hash.key  0600  HMAC-SHA256 key of {@link CardHash}
 * </pre>
 * The hash key is separate so that it can be shared by a merchant's terminals (copied into place
 * before first start) for one blocklist of card hashes, while the data key never leaves the board.
 *
 * <p>A sealed blob (AES-256-GCM, 96-bit random nonce, 128-bit tag):
 * <pre>
 *  +------------+-------------+------------------------------------------+
 *  | version(1) | nonce(12)   | ciphertext (same length as plain) + tag(16) |
 *  | 0x02 (0x01)| SecureRandom| AES-GCM of {@link StoredCardBytes}          |
 *  +------------+-------------+------------------------------------------+
 *  GCM additional data, version 2 (what {@link #seal} writes):
 *    0x02 | len(2, BE) | payment id UTF-8 | amount(8, BE) | STAN(4, BE) | len(2, BE) | auth code UTF-8
 *  GCM additional data, version 1 (still opened: blobs sealed by earlier releases):
 *    0x01 | payment id UTF-8
 * </pre>
 * The additional data binds a blob to its advice row ({@link SealedFor}): a blob copied onto another
 * payment's row does not open, and from version 2 neither does one whose row's amount, STAN or auth
 * code was changed, so the sealed card data cannot be replayed into another 0220. The version byte
 * is authenticated too, so it cannot be changed to steer the reader to another layout or to the
 * weaker version 1 binding. Random 96-bit nonces are safe far beyond a terminal's lifetime of
 * sales under one key (NIST SP 800-38D allows 2^32).
 *
 * <p>Thread-safe: each call makes its own {@link Cipher} or {@link Mac}; the keys never change,
 * until {@link #forget()} (the case was opened): from then on every call is refused.
 */
public final class CardVault {
    static final byte VERSION = 0x02;
    /** Bound to the payment id only; opened, never written. */
    static final byte VERSION_1 = 0x01;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    static final String DATA_KEY_FILE = "card-data.key";
    static final String HASH_KEY_FILE = "card-hash.key";

    private final SecretKey dataKey;
    private final SecretKey hashKey;
    private final boolean createdDataKey;
    private final SecureRandom random;
    private volatile boolean forgotten;

    private CardVault(SecretKey dataKey, SecretKey hashKey, boolean createdDataKey, SecureRandom random) {
        this.dataKey = dataKey;
        this.hashKey = hashKey;
        this.createdDataKey = createdDataKey;
        this.random = random;
    }

    /**
     * Loads the keys under {@code dataDir/keys/}, generating each one that is absent.
     *
     * @throws VaultException if a key file or the directory is open to group or others, a key file
     *                        is not exactly 32 bytes, or the file system is not POSIX
     */
    public static CardVault open(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        SecureRandom random = new SecureRandom();
        Path dir = KeyFile.directory(dataDir);
        KeyFile.Loaded data = KeyFile.loadOrCreate(dir, DATA_KEY_FILE, random);
        KeyFile.Loaded hash = KeyFile.loadOrCreate(dir, HASH_KEY_FILE, random);
        if (data.created()) {
            Logger.info("card vault: generated a new card data key in {}", dir);
        }
        if (hash.created()) {
            Logger.info("card vault: generated a new card hash key in {}", dir);
        }
        CardVault vault = new CardVault(new SecretKeySpec(data.key(), "AES"), new SecretKeySpec(hash.key(), "HmacSHA256"),
                data.created(), random);
        Arrays.fill(data.key(), (byte) 0);
        Arrays.fill(hash.key(), (byte) 0);
        return vault;
    }

    /**
     * A vault without keys, for a terminal whose keys were destroyed (tampered) and not yet
     * provisioned again: it seals, opens and hashes nothing, and never makes a key by itself.
     */
    public static CardVault withoutKeys() {
        CardVault vault = new CardVault(null, null, false, new SecureRandom());
        vault.forgotten = true;
        return vault;
    }

    /**
     * Destroys every key file under {@code dataDir/keys/} (overwritten, forced to disk, deleted):
     * what was sealed under them can never be opened again. See {@link Zeroize}.
     *
     * @return the names of the files destroyed
     * @throws VaultException naming a file that could not be destroyed, after trying every one
     */
    public static java.util.List<String> destroyKeys(Path dataDir) {
        return Zeroize.keys(dataDir);
    }

    /** From now on this vault refuses to seal, open or hash: its keys are being destroyed. */
    public void forget() {
        forgotten = true;
    }

    private void refuseIfForgotten() {
        if (forgotten) {
            throw new VaultException("the card keys were destroyed (the case was opened): nothing can be sealed,"
                    + " opened or hashed until the terminal is provisioned again");
        }
    }

    /**
     * True if this open generated the card data key. Card data sealed before (rows still waiting to
     * be forwarded) cannot be opened under it: the caller may check its journal and say so at start.
     */
    public boolean createdDataKey() {
        return createdDataKey;
    }

    /** Encrypts {@code card} for the advice row {@code row}. */
    public byte[] seal(StoredCard card, SealedFor row) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(row, "row");
        refuseIfForgotten();
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] plain = StoredCardBytes.encode(card);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(additionalData(VERSION, row));
            byte[] sealed = new byte[1 + NONCE_LENGTH + cipher.getOutputSize(plain.length)];
            sealed[0] = VERSION;
            System.arraycopy(nonce, 0, sealed, 1, NONCE_LENGTH);
            cipher.doFinal(plain, 0, plain.length, sealed, 1 + NONCE_LENGTH);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot seal card data for payment " + row.paymentId() + ": " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Decrypts a blob made by {@link #seal} for the same row (version 1: the same payment id).
     *
     * @throws VaultException if the blob was sealed under another key or for another row, was
     *                        altered or cut, or has an unknown version
     */
    public StoredCard open(byte[] sealed, SealedFor row) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(row, "row");
        String aad = row.paymentId();
        refuseIfForgotten();
        if (sealed.length < 1 + NONCE_LENGTH + TAG_BITS / 8) {
            throw new VaultException("sealed card data for payment " + aad + " is too short (" + sealed.length + " bytes)");
        }
        if (sealed[0] != VERSION && sealed[0] != VERSION_1) {
            throw new VaultException("sealed card data for payment " + aad + " has unknown version " + (sealed[0] & 0xFF));
        }
        byte[] plain = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_LENGTH));
            cipher.updateAAD(additionalData(sealed[0], row));
            plain = cipher.doFinal(sealed, 1 + NONCE_LENGTH, sealed.length - 1 - NONCE_LENGTH);
            return StoredCardBytes.decode(plain);
        } catch (AEADBadTagException e) {
            throw new VaultException("sealed card data for payment " + aad
                    + " does not open: sealed under another key, for another payment, amount, STAN or auth code, or altered", e);
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot open sealed card data for payment " + aad + ": " + e.getClass().getSimpleName(), e);
        } catch (IllegalArgumentException e) {
            // Authenticated but not a StoredCard: our own bug or a newer layout. The detail never holds values.
            throw new VaultException("sealed card data for payment " + aad + " opened but is malformed: " + e.getMessage(), e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** HMAC-SHA256 of the PAN's ASCII digits under the hash key, upper-case hex. */
    public CardHash hash(Pan pan) {
        Objects.requireNonNull(pan, "pan");
        refuseIfForgotten();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            byte[] digest = mac.doFinal(pan.unsafeDigits().getBytes(StandardCharsets.US_ASCII));
            return new CardHash(HexFormat.of().withUpperCase().formatHex(digest));
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot hash a card: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] additionalData(byte version, SealedFor row) {
        byte[] id = row.paymentId().getBytes(StandardCharsets.UTF_8);
        if (version == VERSION_1) {
            return ByteBuffer.allocate(1 + id.length).put(VERSION_1).put(id).array();
        }
        // Each text is length-prefixed, so no two different rows give the same bytes.
        byte[] auth = row.authCode().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 2 + id.length + 8 + 4 + 2 + auth.length).put(version)
                .putShort((short) id.length).put(id).putLong(row.amount()).putInt(row.stan())
                .putShort((short) auth.length).put(auth).array();
    }

    @Override
    public String toString() {
        return forgotten ? "CardVault[no keys: destroyed]" : "CardVault[keys loaded]";
    }
}
