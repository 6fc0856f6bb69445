package dev.posterm.core.diagnostics;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config file as a technician may carry it away: every secret's value replaced by
 * {@code "***"}, everything else (comments, layout, line numbers) as it was, so a problem reported
 * "at line 12" is still at line 12.
 *
 * <p>A secret is a key whose name says so: it holds "token", "secret", "password" or
 * "passphrase", or is {@code key} or ends in {@code _key} (the wallet's HMAC key, a private key's
 * path), except in {@code [gpio]}, where {@code modem_power_key} is a pin. Better one harmless
 * value too many hidden than a secret on a stick: a key whose name this does not know is shown, so
 * a new secret's key must be named so.
 */
final class Redaction {
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[+\\s*([A-Za-z0-9_.\\-\"]+)\\s*]+.*$");
    private static final Pattern ENTRY = Pattern.compile("^(\\s*)([A-Za-z0-9_\\-]+|\"[^\"]*\")(\\s*=\\s*)(.*)$");

    private Redaction() {
    }

    static String of(String toml) {
        StringBuilder out = new StringBuilder(toml.length());
        String table = "";
        for (String line : toml.split("\n", -1)) {
            Matcher t = TABLE.matcher(line);
            Matcher e = ENTRY.matcher(line);
            if (t.matches()) {
                table = t.group(1).replace("\"", "");
                out.append(line);
            } else if (e.matches() && secret(table, e.group(2).replace("\"", ""))) {
                out.append(e.group(1)).append(e.group(2)).append(e.group(3)).append("\"***\"");
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    static boolean secret(String table, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("token") || k.contains("secret") || k.contains("password") || k.contains("passphrase")) {
            return true;
        }
        return !table.equals("gpio") && (k.equals("key") || k.endsWith("_key"));
    }
}
