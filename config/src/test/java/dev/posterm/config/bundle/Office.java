package dev.posterm.config.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A terminal on disk (its config file, data dir and trusted key) and an office that signs bundles
 * for it, with keys the JDK's KeyPairGenerator makes. Signatures made by openssl, outside our code,
 * are {@link BundleGoldenTest}'s.
 */
final class Office {

    static final String TERMINAL_ID = "T0000001";

    final Path root;
    final Path config;
    final Path dataDir;
    final KeyPair key = Ed25519.generate();

    Office(Path root) throws IOException {
        this.root = root;
        this.config = Files.createDirectories(root.resolve("etc")).resolve("posterm.toml");
        this.dataDir = Files.createDirectories(root.resolve("data"));
        Files.writeString(config, configText(3, TERMINAL_ID));
        trust(key, "office.pub");
    }

    void trust(KeyPair pair, String file) throws IOException {
        Files.createDirectories(dataDir.resolve("trusted-keys"));
        Files.writeString(dataDir.resolve("trusted-keys").resolve(file), Ed25519.pem(pair.getPublic()));
    }

    RunningTerminal running(long version) {
        return new RunningTerminal(version, TERMINAL_ID, dataDir);
    }

    /** A complete, valid configuration for this terminal as bundle {@code version}. */
    String configText(long version, String terminalId) {
        return """
                [bundle]
                version = %d

                [terminal]
                id = "%s"
                merchant_id = "M00000000000001"
                currency = "CNY"

                [data]
                dir = "%s"

                [host]
                address = "127.0.0.1:9000"

                [reader]
                port = "/dev/ttyUSB0"

                [printer]
                port = "/dev/ttyUSB1"

                [api]
                cashier_token = "cashier-token-0123"
                backoffice_token = "backoffice-token-0123"
                """.formatted(version, terminalId, dataDir);
    }

    Bundle signed(String text) {
        return signed(text, key);
    }

    static Bundle signed(String text, KeyPair by) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Bundle(bytes, Base64.getEncoder().encodeToString(Ed25519.sign(by.getPrivate(), bytes)), "test");
    }

    /** Every file under the root with its bytes: what "nothing changes on disk" compares. */
    Map<String, String> disk() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                files.put(root.relativize(p).toString(), Files.isDirectory(p) ? "<dir>"
                        : Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
