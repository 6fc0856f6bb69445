package dev.posterm.core.cli;

import dev.posterm.config.bundle.Ed25519;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code posterm config keygen}: an office key pair, for an office without openssl. The same files
 * as the spec's {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}: either
 * tool reads the other's. An existing file is never overwritten: losing the office key would leave
 * every terminal to be re-provisioned by hand.
 */
@Command(name = "keygen", description = "Make an Ed25519 office key (keep it in the office) and its public key"
        + " (install it in <data.dir>/trusted-keys/ of each terminal).")
final class ConfigKeygenCommand implements Callable<Integer> {

    @Option(names = "--key", required = true, description = "the private key file to write (PEM, owner-only)")
    Path key;

    @Option(names = "--pub", description = "the public key file to write (default: --key with .pub for .key)")
    Path pub;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path publicFile = pub != null ? pub : key.resolveSibling(key.getFileName().toString()
                .replaceFirst("\\.key$", "") + ".pub");
        if (Files.exists(key) || Files.exists(publicFile)) {
            err.println("posterm: " + (Files.exists(key) ? key : publicFile) + " exists; keygen overwrites no key."
                    + " Choose another name.");
            return ConfigCommand.UNUSABLE_INPUT;
        }
        KeyPair pair = Ed25519.generate();
        try {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, Ed25519.pem(pair.getPrivate()), StandardCharsets.US_ASCII);
            Files.writeString(publicFile, Ed25519.pem(pair.getPublic()), StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            err.println("posterm: " + e.getFile() + " exists; keygen overwrites no key.");
            return ConfigCommand.UNUSABLE_INPUT;
        } catch (IOException e) {
            err.println("posterm: cannot write the key: " + e);
            return ConfigCommand.UNUSABLE_INPUT;
        }
        out.println("office key:  " + key + " (keep it in the office, never on a terminal or a stick)");
        out.println("public key:  " + publicFile + " (install it in <data.dir>/trusted-keys/ of each terminal)");
        return 0;
    }
}
