package dev.posterm.core.cli;

import dev.posterm.config.TomlDocument;
import dev.posterm.config.bundle.BundleFiles;
import dev.posterm.config.bundle.Ed25519;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code posterm config sign}: writes {@code terminal.toml.sig} beside the TOML, the same bytes as
 * the spec's {@code openssl pkeyutl -sign -rawin | base64 -w0} (Ed25519 is deterministic).
 *
 * <p>It refuses to sign a file every terminal would refuse anyway (not UTF-8, not TOML, no integer
 * {@code bundle.version} of 1 or more), to spare a trip to the shop. The full validation is left
 * to the terminal: files the config names ({@code host.ca_file}) exist there, not in the office.
 */
@Command(name = "sign", description = "Sign a bundle's terminal.toml with the office key: writes terminal.toml.sig"
        + " beside it.")
final class ConfigSignCommand implements Callable<Integer> {

    @Option(names = "--key", required = true, description = "the office's private key (PEM, as openssl genpkey or"
            + " posterm config keygen write it)")
    Path key;

    @Parameters(paramLabel = "TOML", description = "the bundle's terminal.toml")
    Path toml;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PrivateKey privateKey = Ed25519.privateKey(Files.readString(key, StandardCharsets.US_ASCII));
            byte[] bytes = Files.readAllBytes(toml);
            String problem = whyNoTerminalWouldTakeIt(bytes);
            if (problem != null) {
                err.println("posterm: not signed: " + toml + " " + problem);
                return ConfigCommand.UNUSABLE_INPUT;
            }
            Path signature = toml.resolveSibling(toml.getFileName() + BundleFiles.SIGNATURE_SUFFIX);
            Path fresh = Files.createTempFile(signature.toAbsolutePath().getParent(), ".sig.", ".new");
            Files.writeString(fresh, Base64.getEncoder().encodeToString(Ed25519.sign(privateKey, bytes)),
                    StandardCharsets.US_ASCII);
            Files.move(fresh, signature, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            TomlDocument document = ((TomlDocument.Parsed) TomlDocument.parse(text(bytes))).document();
            out.println("signed " + toml + ": bundle version " + document.integer("bundle.version").getAsLong()
                    + " for terminal " + document.text("terminal.id").orElse("(no terminal.id)") + "; wrote "
                    + signature);
            out.println("carry both files in a folder posterm/ at the root of the stick; check them on the terminal"
                    + " with: posterm config verify /media/... --config ...");
            return 0;
        } catch (Ed25519.KeyFileException e) {
            err.println("posterm: " + key + " " + e.getMessage());
        } catch (IOException e) {
            err.println("posterm: " + e);
        }
        return ConfigCommand.UNUSABLE_INPUT;
    }

    /** Null when a terminal could take it; else why none would. */
    private static String whyNoTerminalWouldTakeIt(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "is not UTF-8 text";
        }
        if (TomlDocument.parse(text) instanceof TomlDocument.Unparsable u) {
            return "is not TOML: " + u.problem();
        }
        TomlDocument document = ((TomlDocument.Parsed) TomlDocument.parse(text)).document();
        OptionalLong version = document.integer("bundle.version");
        if (version.isEmpty() || version.getAsLong() < 1) {
            return "has no [bundle] version = N (an integer of 1 or more, above the version the terminals run)";
        }
        return null;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
