package dev.posterm.config.bundle;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adapter to the JDK's EdDSA (RFC 8032 Ed25519, pure, no context): the one class of the bundle
 * code that touches {@code java.security}. Keys are PEM as openssl writes them: public keys as
 * {@code -----BEGIN PUBLIC KEY-----} (SubjectPublicKeyInfo, {@code openssl pkey -pubout}), private
 * keys as {@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS #8, {@code openssl genpkey}).
 */
public final class Ed25519 {

    public static final String ALGORITHM = "Ed25519";
    /** RFC 8032 section 5.1.6: R and S, 32 bytes each. */
    public static final int SIGNATURE_BYTES = 64;

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

    private Ed25519() {
    }

    /** A key file that is not what it must be; the message says what was found. */
    public static final class KeyFileException extends Exception {
        KeyFileException(String message) {
            super(message);
        }
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 (JDK 15+ has)", e);
        }
    }

    /** Every {@code PUBLIC KEY} block of a PEM text, in order; none is an error. */
    public static List<PublicKey> publicKeys(String pem) throws KeyFileException {
        List<PublicKey> keys = new ArrayList<>();
        for (byte[] der : blocks(pem, "PUBLIC KEY")) {
            try {
                keys.add(factory().generatePublic(new X509EncodedKeySpec(der)));
            } catch (InvalidKeySpecException e) {
                throw new KeyFileException("holds a public key that is not Ed25519 (" + e.getMessage() + ")");
            }
        }
        if (keys.isEmpty()) {
            throw new KeyFileException("holds no -----BEGIN PUBLIC KEY----- block");
        }
        return keys;
    }

    public static PrivateKey privateKey(String pem) throws KeyFileException {
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new KeyFileException("is an encrypted private key: decrypt it to a copy with"
                    + " `openssl pkey -in office.key -out plain.key` for the signing, then delete the copy");
        }
        List<byte[]> blocks = blocks(pem, "PRIVATE KEY");
        if (blocks.size() != 1) {
            throw new KeyFileException("must hold exactly one -----BEGIN PRIVATE KEY----- block, holds "
                    + blocks.size());
        }
        try {
            return factory().generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0)));
        } catch (InvalidKeySpecException e) {
            throw new KeyFileException("holds a private key that is not Ed25519 (" + e.getMessage() + ")");
        }
    }

    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed with a key the factory accepted", e);
        }
    }

    /**
     * Whether {@code signature} is {@code key}'s signature of {@code message}. A malformed signature
     * (S not below the group order, R not a point) is simply one that does not verify.
     */
    public static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 (JDK 15+ has)", e);
        }
    }

    private static KeyFactory factory() {
        try {
            return KeyFactory.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 (JDK 15+ has)", e);
        }
    }

    private static List<byte[]> blocks(String pem, String label) throws KeyFileException {
        List<byte[]> out = new ArrayList<>();
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals(label)) {
                try {
                    out.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new KeyFileException("has a " + label + " block that is not Base64");
                }
            }
        }
        return out;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
