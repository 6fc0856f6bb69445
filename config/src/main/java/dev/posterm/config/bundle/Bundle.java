package dev.posterm.config.bundle;

import java.nio.charset.StandardCharsets;

/**
 * A configuration bundle as it arrived: the exact bytes of {@code terminal.toml} (the signature
 * covers these bytes, and these bytes become the config file) and the text of
 * {@code terminal.toml.sig}. Nothing is judged here; {@link BundleCheck} does that.
 *
 * @param toml      the exact bytes of terminal.toml
 * @param signature the signature file's text as given, "" when there is none
 * @param source    where it came from, for messages and (later) the journal: a path or "api"
 */
public record Bundle(byte[] toml, String signature, String source) {

    public Bundle {
        toml = toml.clone();
    }

    /** A bundle posted over the API: the file's text (UTF-8) and its Base64 signature. */
    public static Bundle of(String tomlText, String signature, String source) {
        return new Bundle(tomlText.getBytes(StandardCharsets.UTF_8), signature == null ? "" : signature, source);
    }

    @Override
    public byte[] toml() {
        return toml.clone();
    }

    /** Two bundles are the same when their bytes, signature and source are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Bundle b && java.util.Arrays.equals(toml, b.toml) && signature.equals(b.signature)
                && source.equals(b.source);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(toml) * 31 + signature.hashCode();
    }

    @Override
    public String toString() {
        return "Bundle[" + toml.length + " bytes from " + source + "]";
    }
}
