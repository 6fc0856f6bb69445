package dev.posterm.core.settlement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The hash chain of settlement-file.md: a row's {@code chain} is the lower-case hex SHA-256 of the
 * UTF-8 bytes of the previous row's chain (64 hex characters), {@code \n}, and the row exactly as
 * written up to and excluding the comma before its chain field. The first row's previous value is
 * the manifest's {@code chainStart}: the previous file's {@code chainHead}, or {@link #GENESIS}.
 * One instance per thread (it keeps its digest).
 */
final class Chain {
    static final String GENESIS = "0".repeat(64);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();
    private final MessageDigest sha256 = sha256();

    /** The chain value of a row whose text before its chain field is {@code rowPrefix}. */
    String next(String previous, String rowPrefix) {
        sha256.update(previous.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) '\n');
        sha256.update(rowPrefix.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(sha256.digest());
    }

    static boolean isValue(String s) {
        return s != null && HEX64.matcher(s).matches();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }
}
