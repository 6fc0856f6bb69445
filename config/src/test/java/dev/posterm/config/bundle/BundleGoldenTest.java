package dev.posterm.config.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.posterm.config.bundle.BundleOutcome.Accepted;
import dev.posterm.config.bundle.BundleOutcome.Refused;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle signed by openssl with the spec's office commands (golden/HOW-MADE.md), never by our
 * code: a misreading of the signature format cannot hide on both sides.
 */
class BundleGoldenTest {

    private static final String GOLDEN = "/dev/posterm/config/bundle/golden/";

    @TempDir
    Path root;

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = BundleGoldenTest.class.getResourceAsStream(GOLDEN + name)) {
            return in.readAllBytes();
        }
    }

    /** The bundle on a stick, as a technician carries it; the terminal trusting the golden office key. */
    private Path stickAndTerminal() throws IOException {
        Path folder = Files.createDirectories(root.resolve("stick").resolve("posterm"));
        Files.write(folder.resolve("terminal.toml"), golden("terminal.toml"));
        Files.write(folder.resolve("terminal.toml.sig"), golden("terminal.toml.sig"));
        Path keys = Files.createDirectories(root.resolve("data").resolve("trusted-keys"));
        Files.write(keys.resolve("office.pub"), golden("office-TEST-ONLY.pub"));
        return root.resolve("stick");
    }

    @Test
    void aBundleSignedByOpensslFromAStickIsAccepted() throws Exception {
        Path stick = stickAndTerminal();
        Bundle bundle = assertInstanceOf(BundleFiles.Found.class, BundleFiles.read(stick)).bundle();
        BundleOutcome outcome = BundleCheck.check(bundle, running(), root.resolve("etc").resolve("posterm.toml"))
                .outcome();
        Accepted accepted = assertInstanceOf(Accepted.class, outcome, outcome::toString);
        assertEquals(7, accepted.version());
        assertEquals("测试商户", accepted.config().terminal().merchantName());
        assertEquals("office.pub", accepted.signedBy());
    }

    @Test
    void theGoldenBundleWithOneByteChangedIsRefused() throws Exception {
        stickAndTerminal();
        String text = new String(golden("terminal.toml"), StandardCharsets.UTF_8).replace("version = 7", "version = 8");
        Bundle forged = Bundle.of(text, new String(golden("terminal.toml.sig"), StandardCharsets.US_ASCII), "forged");
        Refused refused = assertInstanceOf(Refused.class, BundleCheck.check(forged, running(),
                root.resolve("etc").resolve("posterm.toml")).outcome());
        assertEquals(Refusal.BUNDLE_BAD_SIGNATURE, refused.code());
    }

    @Test
    void ourSignerReadsTheOpensslKeyAndWritesTheSignatureOpensslWrote() throws Exception {
        byte[] signature = Ed25519.sign(Ed25519.privateKey(new String(golden("office-TEST-ONLY.key"),
                StandardCharsets.US_ASCII)), golden("terminal.toml"));
        assertEquals(new String(golden("terminal.toml.sig"), StandardCharsets.US_ASCII),
                Base64.getEncoder().encodeToString(signature), "Ed25519 is deterministic: the same bytes");
    }

    /** The golden data.dir is /var/lib/posterm; its trusted keys are kept under the test's own folder. */
    private RunningTerminal running() {
        return new RunningTerminal(6, "T0000001", Path.of("/var/lib/posterm"),
                root.resolve("data").resolve("trusted-keys"));
    }
}
