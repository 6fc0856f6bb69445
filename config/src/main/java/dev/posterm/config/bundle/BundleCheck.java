package dev.posterm.config.bundle;

import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.config.TomlDocument;
import dev.posterm.config.bundle.BundleOutcome.Accepted;
import dev.posterm.config.bundle.BundleOutcome.Refused;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The checks of {@code config-bundle.md}, in its order, changing nothing:
 * <pre>
 *   1 both files read, UTF-8, TOML parses        BUNDLE_UNREADABLE   (nothing else can be judged)
 *   2 a trusted key verifies the signature       BUNDLE_UNSIGNED / BUNDLE_BAD_SIGNATURE
 *   3 bundle.version &gt; the running version      BUNDLE_NOT_NEWER
 *   4 terminal.id and data.dir are this one's    BUNDLE_WRONG_TERMINAL
 *   5 the whole configuration is valid           BUNDLE_INVALID (every problem, key and line)
 * </pre>
 * Checks 2 to 5 all run, so a technician sees everything wrong at once; the refusal is the first.
 * Check 4 and 5 read the bundle as the file it will become: a relative path is taken from the
 * folder of the config file it would replace, not from the stick it came on.
 */
public final class BundleCheck {

    private BundleCheck() {
    }

    /**
     * @param configFile the config file the bundle would replace (relative paths resolve from its folder)
     */
    public static BundleReport check(Bundle bundle, RunningTerminal running, Path configFile) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bundle.toml())).toString();
        } catch (CharacterCodingException e) {
            return refusedOnly(new Refused(Refusal.BUNDLE_UNREADABLE, bundle.source() + " is not UTF-8 text"));
        }
        TomlDocument document;
        switch (TomlDocument.parse(text)) {
            case TomlDocument.Unparsable u -> {
                return refusedOnly(new Refused(Refusal.BUNDLE_UNREADABLE, bundle.source() + " is not TOML: "
                        + u.problem()));
            }
            case TomlDocument.Parsed p -> document = p.document();
        }
        TrustedKeys trusted = TrustedKeys.load(running.trustedKeys());
        List<Refused> refusals = new ArrayList<>();
        Optional<String> signedBy = signature(bundle, trusted, refusals);
        newer(document, running, refusals);
        sameTerminal(document, running, configFile, refusals);
        Optional<PostermConfig> config = valid(text, configFile, refusals);
        List<String> notes = trusted.ignored().stream().map(i -> trusted.folder() + ": left out " + i).toList();
        if (!refusals.isEmpty()) {
            return new BundleReport(refusals, Optional.empty(), notes);
        }
        return new BundleReport(List.of(), Optional.of(new Accepted(config.orElseThrow(),
                document.integer("bundle.version").orElseThrow(), signedBy.orElseThrow(), bundle)), notes);
    }

    private static BundleReport refusedOnly(Refused refused) {
        return new BundleReport(List.of(refused), Optional.empty(), List.of());
    }

    /** Check 2; the key file that verified, when one did. */
    private static Optional<String> signature(Bundle bundle, TrustedKeys trusted, List<Refused> refusals) {
        byte[] signature;
        switch (SignatureText.parse(bundle.signature())) {
            case SignatureText.None none -> {
                refusals.add(new Refused(Refusal.BUNDLE_UNSIGNED, "the signature is empty: nobody signed this"
                        + " bundle"));
                return Optional.empty();
            }
            case SignatureText.Malformed m -> {
                refusals.add(new Refused(Refusal.BUNDLE_BAD_SIGNATURE, "the signature " + m.reason()));
                return Optional.empty();
            }
            case SignatureText.Present p -> signature = p.bytes();
        }
        if (trusted.keys().isEmpty()) {
            refusals.add(new Refused(Refusal.BUNDLE_BAD_SIGNATURE, "this terminal trusts no key (no Ed25519 public"
                    + " key in " + trusted.folder() + "), so it accepts no bundle"));
            return Optional.empty();
        }
        byte[] toml = bundle.toml();
        for (TrustedKeys.Key key : trusted.keys()) {
            if (Ed25519.verifies(key.key(), toml, signature)) {
                return Optional.of(key.file());
            }
        }
        refusals.add(new Refused(Refusal.BUNDLE_BAD_SIGNATURE, "the signature verifies with none of the "
                + trusted.keys().size() + " trusted key(s) in " + trusted.folder() + " ("
                + trusted.keys().stream().map(TrustedKeys.Key::file).distinct().collect(Collectors.joining(", "))
                + "): signed with another key, or terminal.toml was changed after signing"));
        return Optional.empty();
    }

    /** Check 3. A version that is absent or not an integer is not greater than anything. */
    private static void newer(TomlDocument document, RunningTerminal running, List<Refused> refusals) {
        OptionalLong version = document.integer("bundle.version");
        String runs = "this terminal runs version " + running.version();
        if (version.isEmpty()) {
            String found = document.kindOf("bundle.version").map(k -> " is " + k + ", not an integer (line "
                    + document.lineOf("bundle.version") + ")").orElse(" is missing: a bundle has [bundle] version = N");
            refusals.add(new Refused(Refusal.BUNDLE_NOT_NEWER, "bundle.version" + found + "; " + runs));
        } else if (version.getAsLong() <= running.version()) {
            refusals.add(new Refused(Refusal.BUNDLE_NOT_NEWER, "bundle.version " + version.getAsLong()
                    + " (line " + document.lineOf("bundle.version") + ") is not greater than " + running.version()
                    + ": " + runs));
        }
    }

    /** Check 4: both keys are compared and every mismatch named. */
    private static void sameTerminal(TomlDocument document, RunningTerminal running, Path configFile,
                                     List<Refused> refusals) {
        List<String> wrong = new ArrayList<>();
        Optional<String> id = document.text("terminal.id");
        if (!id.equals(Optional.of(running.terminalId()))) {
            wrong.add("terminal.id is " + id.map(v -> "'" + v + "' (line " + document.lineOf("terminal.id") + ")")
                    .orElse("missing or not a string") + ", this terminal is '" + running.terminalId() + "'");
        }
        Optional<Path> dir = document.text("data.dir").flatMap(d -> resolved(d, configFile));
        if (!dir.equals(Optional.of(running.dataDir()))) {
            wrong.add("data.dir is " + document.text("data.dir").map(v -> "'" + v + "'"
                    + dir.filter(d -> !d.toString().equals(v)).map(d -> " (" + d + ")").orElse("")
                    + " (line " + document.lineOf("data.dir") + ")").orElse("missing or not a string")
                    + ", this terminal's is '" + running.dataDir() + "'");
        }
        if (!wrong.isEmpty()) {
            refusals.add(new Refused(Refusal.BUNDLE_WRONG_TERMINAL, "the bundle is meant for another terminal: "
                    + String.join("; ", wrong)));
        }
    }

    /** As the loader reads data.dir: from the config file's folder, normalised. */
    private static Optional<Path> resolved(String dir, Path configFile) {
        try {
            return Optional.of(configFile.toAbsolutePath().normalize().getParent().resolve(Path.of(dir)).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Check 5, with the loader that will read this file on the next start. */
    private static Optional<PostermConfig> valid(String text, Path configFile, List<Refused> refusals) {
        try {
            return Optional.of(ConfigLoader.parse(text, configFile));
        } catch (ConfigException e) {
            refusals.add(new Refused(Refusal.BUNDLE_INVALID, "the configuration has " + e.problems().size()
                    + " problem" + (e.problems().size() == 1 ? "" : "s") + ":\n" + e.problems().stream()
                    .map(p -> "  - " + p).collect(Collectors.joining("\n")), e.problems()));
            return Optional.empty();
        }
    }
}
