package dev.posterm.core.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.config.bundle.Refusal;
import dev.posterm.core.errors.ErrorCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The office's keygen and sign, the terminal's verify, as a technician runs them. */
class ConfigCommandTest {

    private static final Path GOLDEN = Path.of("..", "config", "src", "test", "resources", "dev", "posterm",
            "config", "bundle", "golden");

    @TempDir
    Path root;
    Path config;
    Path data;
    Path stick;
    String output;

    @BeforeEach
    void terminal() throws Exception {
        data = root.resolve("data");
        config = Files.createDirectories(root.resolve("etc")).resolve("posterm.toml");
        Files.writeString(config, configText(3));
        stick = Files.createDirectories(root.resolve("stick").resolve("posterm"));
    }

    private String configText(long version) {
        return """
                [bundle]
                version = %d
                [terminal]
                id = "T0000001"
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
                """.formatted(version, data);
    }

    private int posterm(String... args) {
        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text, true);
        int status = new CommandLine(new Posterm()).setOut(writer).setErr(writer).execute(args);
        output = text.toString();
        return status;
    }

    /** keygen in the office, the public key installed on the terminal. */
    private Path officeKey() throws Exception {
        Path key = root.resolve("office").resolve("office.key");
        Files.createDirectories(key.getParent());
        assertEquals(0, posterm("config", "keygen", "--key", key.toString()), () -> output);
        Files.createDirectories(data.resolve("trusted-keys"));
        Files.copy(key.resolveSibling("office.pub"), data.resolve("trusted-keys").resolve("office.pub"));
        return key;
    }

    @Test
    void aBundleSignedInTheOfficeVerifiesOnTheTerminalWhichItLeavesUnchanged() throws Exception {
        Path key = officeKey();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        Path toml = Files.writeString(stick.resolve("terminal.toml"), configText(4));
        assertEquals(0, posterm("config", "sign", "--key", key.toString(), toml.toString()), () -> output);
        byte[] before = Files.readAllBytes(config);

        assertEquals(0, posterm("config", "verify", root.resolve("stick").toString(), "--config", config.toString()),
                () -> output);
        assertTrue(output.contains("ACCEPTABLE") && output.contains("version 4"), output);
        assertArrayEquals(before, Files.readAllBytes(config), "verify changes nothing");
        try (var files = Files.list(config.getParent())) {
            assertEquals(1, files.count(), "no file written beside the config");
        }
    }

    @Test
    void verifyPrintsEveryProblemInTheSpecsOrderInBothLanguages() throws Exception {
        Path key = officeKey();
        Path toml = Files.writeString(stick.resolve("terminal.toml"), configText(2)
                .replace("T0000001", "T0000009").replace("currency = \"CNY\"", "currency = \"XYZ\""));
        assertEquals(0, posterm("config", "sign", "--key", key.toString(), toml.toString()), () -> output);

        assertEquals(1, posterm("config", "verify", toml.toString(), "--config", config.toString()), () -> output);
        int notNewer = output.indexOf("BUNDLE_NOT_NEWER:");
        int wrongTerminal = output.indexOf("BUNDLE_WRONG_TERMINAL:");
        int invalid = output.indexOf("BUNDLE_INVALID:");
        assertTrue(notNewer >= 0 && notNewer < wrongTerminal && wrongTerminal < invalid, output);
        assertTrue(output.contains("terminal.currency"), output);
        assertTrue(output.contains(ErrorCode.BUNDLE_NOT_NEWER.chinese()), output);
        assertTrue(output.contains("REFUSED: BUNDLE_NOT_NEWER (the first of 3 problems)"), output);
    }

    @Test
    void theRunningVersionCanBeGivenUntilTheJournalKeepsIt() throws Exception {
        Path key = officeKey();
        Path toml = Files.writeString(stick.resolve("terminal.toml"), configText(4));
        posterm("config", "sign", "--key", key.toString(), toml.toString());
        assertEquals(1, posterm("config", "verify", toml.toString(), "--config", config.toString(),
                "--running-version", "4"), () -> output);
        assertTrue(output.contains("REFUSED: BUNDLE_NOT_NEWER"), output);
    }

    @Test
    void signReadsAnOpensslKeyAndWritesTheSignatureOpensslWrote() throws Exception {
        Files.copy(GOLDEN.resolve("terminal.toml"), stick.resolve("terminal.toml"));
        assertEquals(0, posterm("config", "sign", "--key", GOLDEN.resolve("office-TEST-ONLY.key").toString(),
                stick.resolve("terminal.toml").toString()), () -> output);
        assertArrayEquals(Files.readAllBytes(GOLDEN.resolve("terminal.toml.sig")),
                Files.readAllBytes(stick.resolve("terminal.toml.sig")));
    }

    @Test
    void signRefusesAFileNoTerminalWouldTakeAndWritesNothing() throws Exception {
        Path key = officeKey();
        Path toml = Files.writeString(stick.resolve("terminal.toml"), configText(4).replace("version = 4", ""));
        assertEquals(2, posterm("config", "sign", "--key", key.toString(), toml.toString()), () -> output);
        assertTrue(output.contains("no [bundle] version"), output);
        assertFalse(Files.exists(stick.resolve("terminal.toml.sig")));
    }

    @Test
    void keygenNeverOverwritesAKey() throws Exception {
        Path key = officeKey();
        byte[] before = Files.readAllBytes(key);
        assertEquals(2, posterm("config", "keygen", "--key", key.toString()), () -> output);
        assertArrayEquals(before, Files.readAllBytes(key));
    }

    @Test
    void everyRefusalOfTheSpecIsInTheErrorCatalogue() {
        for (Refusal refusal : Refusal.values()) {
            assertTrue(Arrays.stream(ErrorCode.values()).anyMatch(c -> c.name().equals(refusal.name())),
                    refusal + " missing from ErrorCode");
        }
    }
}
