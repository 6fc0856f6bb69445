package dev.posterm.config.bundle;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The text of {@code terminal.toml.sig}: an Ed25519 signature as Base64, standard alphabet, padded,
 * on one line, a final newline allowed ({@code config-bundle.md}). 64 bytes are exactly 86
 * characters and {@code ==}. A final CRLF counts as the final newline (a Windows editor writes
 * one); any other character is a malformed signature, refused, never repaired.
 */
sealed interface SignatureText {

    Pattern FORM = Pattern.compile("[A-Za-z0-9+/]{86}==");

    /** Empty, or only blanks: nobody signed. */
    record None() implements SignatureText {
    }

    record Malformed(String reason) implements SignatureText {
    }

    record Present(byte[] bytes) implements SignatureText {
        public Present {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    static SignatureText parse(String text) {
        String line = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (text.isBlank()) {
            return new None();
        }
        if (!FORM.matcher(line).matches()) {
            return new Malformed("is not one line of Base64 of a 64-byte Ed25519 signature (86 characters"
                    + " and '==', standard alphabet); found " + line.length() + " characters"
                    + (line.contains("\n") ? " on several lines" : ""));
        }
        return new Present(Base64.getDecoder().decode(line));
    }
}
