package dev.posterm.config.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.config.ConfigProblem;
import dev.posterm.config.bundle.BundleOutcome.Accepted;
import dev.posterm.config.bundle.BundleOutcome.Refused;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal of config-bundle.md changes nothing on disk; an accepted bundle replaces the file. */
class BundleImportTest {

    @TempDir
    Path root;
    Office office;

    @BeforeEach
    void terminal() throws Exception {
        office = new Office(root);
    }

    /** Imports the bundle into a terminal running version 6 and checks the disk is untouched. */
    private Refused refused(Bundle bundle, Refusal expected) throws Exception {
        Map<String, String> before = office.disk();
        BundleOutcome outcome = BundleImport.intoFile(office.config, bundle, office.running(6));
        Refused refused = assertInstanceOf(Refused.class, outcome, () -> "accepted: " + outcome);
        assertEquals(expected, refused.code(), refused::message);
        assertEquals(before, office.disk(), "a refused bundle changes nothing on disk");
        return refused;
    }

    @Test
    void anUnsignedBundleIsRefused() throws Exception {
        String text = office.configText(7, Office.TERMINAL_ID);
        for (String none : List.of("", "\n", "  \r\n")) {
            refused(Bundle.of(text, none, "test"), Refusal.BUNDLE_UNSIGNED);
        }
    }

    @Test
    void aSignatureFileMissingBesideTheTomlMakesTheBundleUnreadable() throws Exception {
        Path stick = Files.createDirectories(root.resolve("stick").resolve("posterm"));
        Files.writeString(stick.resolve("terminal.toml"), office.configText(7, Office.TERMINAL_ID));
        BundleFiles.Unreadable u = assertInstanceOf(BundleFiles.Unreadable.class, BundleFiles.read(stick.getParent()));
        assertTrue(u.reason().contains("terminal.toml.sig is missing"), u.reason());
    }

    @Test
    void aBundleChangedAfterSigningIsRefusedForItsSignature() throws Exception {
        Bundle signed = office.signed(office.configText(7, Office.TERMINAL_ID));
        String forged = new String(signed.toml(), StandardCharsets.UTF_8).replace("M00000000000001", "M00000000000666");
        Refused r = refused(new Bundle(forged.getBytes(StandardCharsets.UTF_8), signed.signature(), "test"),
                Refusal.BUNDLE_BAD_SIGNATURE);
        assertTrue(r.message().contains("office.pub"), r.message());
    }

    @Test
    void aSignatureThatIsNotBase64OfSixtyFourBytesIsABadSignature() throws Exception {
        Bundle signed = office.signed(office.configText(7, Office.TERMINAL_ID));
        String text = new String(signed.toml(), StandardCharsets.UTF_8);
        String unpadded = signed.signature().replace("=", "");
        String urlAlphabet = signed.signature().replace('+', '-').replace('/', '_');
        String twoLines = signed.signature().substring(0, 40) + "\n" + signed.signature().substring(40);
        String shortened = Base64.getEncoder().encodeToString(new byte[63]);
        for (String bad : List.of(unpadded, twoLines, shortened, "not a signature", signed.signature() + "\n\n")) {
            refused(Bundle.of(text, bad, "test"), Refusal.BUNDLE_BAD_SIGNATURE);
        }
        if (!urlAlphabet.equals(signed.signature())) {
            refused(Bundle.of(text, urlAlphabet, "test"), Refusal.BUNDLE_BAD_SIGNATURE);
        }
    }

    @Test
    void aBundleSignedByAKeyTheTerminalDoesNotTrustIsRefused() throws Exception {
        KeyPair stranger = Ed25519.generate();
        refused(Office.signed(office.configText(7, Office.TERMINAL_ID), stranger), Refusal.BUNDLE_BAD_SIGNATURE);
    }

    @Test
    void aTerminalWithoutATrustedKeyAcceptsNoBundle() throws Exception {
        Files.delete(office.dataDir.resolve("trusted-keys").resolve("office.pub"));
        Refused r = refused(office.signed(office.configText(7, Office.TERMINAL_ID)), Refusal.BUNDLE_BAD_SIGNATURE);
        assertTrue(r.message().contains("trusts no key"), r.message());
    }

    @Test
    void aBundleNotNewerThanTheRunningVersionIsRefused() throws Exception {
        refused(office.signed(office.configText(6, Office.TERMINAL_ID)), Refusal.BUNDLE_NOT_NEWER);
        refused(office.signed(office.configText(5, Office.TERMINAL_ID)), Refusal.BUNDLE_NOT_NEWER);
        String noVersion = office.configText(7, Office.TERMINAL_ID).replace("[bundle]\nversion = 7\n", "");
        Refused r = refused(office.signed(noVersion), Refusal.BUNDLE_NOT_NEWER);
        assertTrue(r.message().contains("bundle.version is missing"), r.message());
        String textVersion = office.configText(7, Office.TERMINAL_ID).replace("version = 7", "version = \"8\"");
        refused(office.signed(textVersion), Refusal.BUNDLE_NOT_NEWER);
    }

    @Test
    void aBundleForAnotherTerminalIsRefused() throws Exception {
        Refused r = refused(office.signed(office.configText(7, "T0000002")), Refusal.BUNDLE_WRONG_TERMINAL);
        assertTrue(r.message().contains("'T0000002'"), r.message());
        String otherDir = office.configText(7, Office.TERMINAL_ID).replace(office.dataDir.toString(), "/srv/elsewhere");
        r = refused(office.signed(otherDir), Refusal.BUNDLE_WRONG_TERMINAL);
        assertTrue(r.message().contains("data.dir"), r.message());
    }

    @Test
    void aRelativeDataDirIsReadFromTheConfigFilesFolderNotFromTheStick() throws Exception {
        // data/ beside etc/: "../data" from /root/etc/posterm.toml is the running data dir.
        String relative = office.configText(7, Office.TERMINAL_ID).replace(office.dataDir.toString(), "../data");
        assertInstanceOf(Accepted.class, BundleImport.intoFile(office.config, office.signed(relative),
                office.running(6)));
    }

    @Test
    void anInvalidBundleIsRefusedWithEveryProblemItsKeyAndLine() throws Exception {
        String text = office.configText(7, Office.TERMINAL_ID)
                .replace("currency = \"CNY\"", "currency = \"cny\"")
                .replace("port = \"/dev/ttyUSB1\"", "port = \"/dev/ttyUSB1\"\nbaud = 12345")
                .replace("[api]\n", "[api]\nlisten = \"pos_terminal:8780\"\n")
                + "[offline]\nfloor_limt = 100\n";
        Refused r = refused(office.signed(text), Refusal.BUNDLE_INVALID);
        List<String> where = r.problems().stream().map(p -> p.line() + " " + p.keyPath()).toList();
        List<String> lines = List.of(text.split("\n"));
        assertEquals(List.of(
                (lines.indexOf("currency = \"cny\"") + 1) + " terminal.currency",
                (lines.indexOf("baud = 12345") + 1) + " printer.baud",
                (lines.indexOf("listen = \"pos_terminal:8780\"") + 1) + " api.listen",
                (lines.indexOf("floor_limt = 100") + 1) + " offline.floor_limt"), where);
        for (ConfigProblem p : r.problems()) {
            assertTrue(r.message().contains(p.toString()), "the message lists " + p);
        }
    }

    @Test
    void unparsableOrNonUtf8TextIsUnreadable() throws Exception {
        refused(office.signed("[terminal\nid = 1\n"), Refusal.BUNDLE_UNREADABLE);
        byte[] latin1 = office.configText(7, Office.TERMINAL_ID).replace("currency = \"CNY\"\n", "currency = \"CNY\"\nmerchant_name = \"caf\u00e9\"\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        refused(new Bundle(latin1, Base64.getEncoder().encodeToString(Ed25519.sign(office.key.getPrivate(), latin1)),
                "test"), Refusal.BUNDLE_UNREADABLE);
    }

    @Test
    void theFirstFailingCheckInTheSpecsOrderIsTheRefusalAndVerifyingListsThemAll() throws Exception {
        String everythingWrong = office.configText(2, "T0000002").replace("currency = \"CNY\"", "currency = \"XYZ\"");
        Bundle bundle = Office.signed(everythingWrong, Ed25519.generate());
        refused(bundle, Refusal.BUNDLE_BAD_SIGNATURE);
        BundleReport report = BundleCheck.check(bundle, office.running(6), office.config);
        assertEquals(List.of(Refusal.BUNDLE_BAD_SIGNATURE, Refusal.BUNDLE_NOT_NEWER, Refusal.BUNDLE_WRONG_TERMINAL,
                Refusal.BUNDLE_INVALID), report.refusals().stream().map(Refused::code).toList());
    }

    @Test
    void anAcceptedBundleReplacesTheConfigFileAndKeepsThePreviousBesideIt() throws Exception {
        byte[] previous = Files.readAllBytes(office.config);
        Bundle bundle = office.signed(office.configText(7, Office.TERMINAL_ID));
        Accepted accepted = assertInstanceOf(Accepted.class,
                BundleImport.intoFile(office.config, bundle, office.running(6)));
        assertEquals(7, accepted.version());
        assertEquals(7, accepted.config().bundle().version());
        assertEquals("office.pub", accepted.signedBy());
        assertArrayEquals(bundle.toml(), Files.readAllBytes(office.config), "the exact signed bytes");
        assertArrayEquals(previous, Files.readAllBytes(ConfigFile.previous(office.config)));
        try (var files = Files.list(office.config.getParent())) {
            assertEquals(List.of("posterm.toml", "posterm.toml.previous"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }

    @Test
    void anyTrustedKeyMayHaveSignedAndAStrayFileAmongTheKeysIsNamedNotTrusted() throws Exception {
        KeyPair second = Ed25519.generate();
        office.trust(second, "regional-office.pub");
        Files.writeString(office.dataDir.resolve("trusted-keys").resolve("README"), "keys of the bank's offices\n");
        Bundle bundle = Office.signed(office.configText(7, Office.TERMINAL_ID), second);
        BundleReport report = BundleCheck.check(bundle, office.running(6), office.config);
        assertEquals("regional-office.pub", assertInstanceOf(Accepted.class, report.outcome()).signedBy());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("README")), report.notes().toString());
    }
}
