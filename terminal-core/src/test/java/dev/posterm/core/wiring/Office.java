package dev.posterm.core.wiring;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.posterm.config.bundle.Ed25519;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;

/**
 * The office for end-to-end tests: an Ed25519 key whose public half the terminal trusts, bundles
 * made from the shop's own config file, signed as {@code posterm config sign} does.
 */
final class Office {
    final KeyPair key = Ed25519.generate();

    /** Installs the office's public key as provisioning does: {@code <data.dir>/trusted-keys/office.pub}. */
    Office trustedBy(Path dataDir) throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("trusted-keys"));
        Files.writeString(folder.resolve("office.pub"), Ed25519.pem(key.getPublic()));
        return this;
    }

    /** The shop's config file with {@code [bundle] version} and more tables. */
    static String bundleOf(Shop shop, long version, String more) throws Exception {
        return Files.readString(shop.configFile) + "[bundle]\nversion = " + version + "\n" + more;
    }

    String sign(String toml) {
        return Base64.getEncoder().encodeToString(Ed25519.sign(key.getPrivate(), toml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The body of POST /config/bundle. */
    static String body(String toml, String signature) throws Exception {
        return JsonMapper.builder().build().writeValueAsString(Map.of("toml", toml, "signature", signature));
    }

    String signedBody(String toml) throws Exception {
        return body(toml, sign(toml));
    }

    /** A stick as the technician carries it: {@code <mount>/posterm/terminal.toml} and its {@code .sig}. */
    Path stick(Path mount, String toml) throws Exception {
        Path folder = Files.createDirectories(mount.resolve("posterm"));
        Files.writeString(folder.resolve("terminal.toml"), toml);
        Files.writeString(folder.resolve("terminal.toml.sig"), sign(toml) + "\n");
        return mount;
    }
}
