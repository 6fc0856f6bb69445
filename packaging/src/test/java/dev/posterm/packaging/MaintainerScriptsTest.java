package dev.posterm.packaging;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The maintainer scripts run against a scratch root ({@code DPKG_ROOT}, as dpkg sets it) with the
 * system's tools (adduser, getent, systemd's helpers) replaced by stubs that write down each call:
 * what the scripts would do to a board, without a board.
 */
class MaintainerScriptsTest {

    @Test
    void theMaintainerScriptsAndTheLauncherAreValidShAndExecutable() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        for (Path script : List.of(pkg.control("postinst"), pkg.control("prerm"), pkg.control("postrm"),
                pkg.file("/usr/bin/posterm"))) {
            Commands.run(List.of("sh", "-n", script.toString())).requireSuccess();
            assertTrue(Files.isExecutable(script), script + " is executable");
            assertTrue(Files.readString(script).startsWith("#!/bin/sh\n"), script + " runs under /bin/sh");
        }
    }

    @Test
    void upgradeKeepsTheJournalAndPurgeKeepsItTooButDropsWhatTheControllerMakesAgain() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        Board board = new Board(pkg);
        Path state = board.root.resolve("var/lib/posterm");
        List<Path> money = List.of(state.resolve("journal.db"), state.resolve("keys/card-data.key"),
                state.resolve("logs/posterm.log"));
        for (Path p : money) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "kept");
        }
        Files.createDirectories(state.resolve("native/sqlite"));
        Files.writeString(state.resolve("native/sqlite/libsqlitejdbc.so"), "made again");
        Files.createDirectories(state.resolve("cds"));
        Files.writeString(state.resolve("cds/posterm.jsa"), "made again");

        board.run("prerm", "upgrade", "0.1.0").requireSuccess();
        board.run("postrm", "upgrade", "0.1.0").requireSuccess();
        assertTrue(Files.exists(state.resolve("cds/posterm.jsa")), "an upgrade leaves the state directory alone");

        board.run("prerm", "remove").requireSuccess();
        board.run("postrm", "remove").requireSuccess();
        Commands.Result purge = board.run("postrm", "purge").requireSuccess();

        assertAll(
                () -> money.forEach(p -> assertTrue(Files.exists(p), p + " kept")),
                () -> assertFalse(Files.exists(state.resolve("cds")), "CDS archive removed on purge"),
                () -> assertFalse(Files.exists(state.resolve("native")), "extracted libraries removed on purge"),
                () -> assertTrue(purge.output().contains("kept"), purge.output()),
                () -> assertTrue(board.calls().contains("deb-systemd-helper purge posterm.service"), board.calls()));
    }

    @Test
    void postinstPutsThePostermUserInDialoutAndInGpioOnlyWhereThatGroupExistsAndDropsTheOldClassArchive() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        Board pi = new Board(pkg).withGroup("gpio");
        Board other = new Board(pkg);
        Path archive = pi.root.resolve("var/lib/posterm/cds/posterm.jsa");
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "the last version's classes");

        pi.run("postinst", "configure", "0.1.0").requireSuccess();
        Commands.Result plain = other.run("postinst", "configure").requireSuccess();

        assertAll(
                () -> assertTrue(pi.calls().contains("adduser --quiet --system --ingroup posterm --home /var/lib/posterm"),
                        pi.calls()),
                () -> assertTrue(pi.calls().contains("adduser --quiet posterm dialout"), pi.calls()),
                () -> assertTrue(pi.calls().contains("adduser --quiet posterm gpio"), pi.calls()),
                () -> assertTrue(pi.calls().contains("install -d -o posterm -g posterm -m 0750 " + pi.root.resolve("var/lib/posterm")),
                        pi.calls()),
                () -> assertTrue(pi.calls().contains("chmod 0640 " + pi.root.resolve("etc/posterm/posterm.toml")), pi.calls()),
                () -> assertTrue(pi.calls().contains("chown root:posterm " + pi.root.resolve("etc/posterm") + "\n"),
                        "a signed bundle's file is renamed into /etc/posterm by the service: " + pi.calls()),
                () -> assertTrue(pi.calls().contains("chmod 0770 " + pi.root.resolve("etc/posterm") + "\n"), pi.calls()),
                () -> assertTrue(pi.calls().contains("deb-systemd-helper enable posterm.service"), pi.calls()),
                () -> assertFalse(Files.exists(archive), "an upgrade drops the class archive of the old jars"),
                () -> assertTrue(other.calls().contains("adduser --quiet posterm dialout"), other.calls()),
                () -> assertFalse(other.calls().contains("posterm gpio"), other.calls()),
                () -> assertTrue(plain.output().contains("no 'gpio' group"), plain.output()),
                () -> assertTrue(plain.output().contains("example API tokens"), plain.output()));
    }

    /** A scratch root holding the package's /etc/posterm, and stubs for the system's tools. */
    private static final class Board {
        final Path root;
        private final Path bin;
        private final Path log;
        private final UnpackedPackage pkg;
        private String groups = "dialout";

        Board(UnpackedPackage pkg) throws Exception {
            this.pkg = pkg;
            root = Files.createTempDirectory("posterm-board");
            bin = Files.createDirectories(root.resolve("stub-bin"));
            log = root.resolve("calls.log");
            Files.createDirectories(root.resolve("etc/posterm"));
            Files.copy(pkg.file("/etc/posterm/posterm.toml"), root.resolve("etc/posterm/posterm.toml"));
            for (String tool : List.of("adduser", "addgroup", "install", "chown", "chmod", "dpkg-statoverride",
                    "udevadm", "systemctl", "deb-systemd-helper", "deb-systemd-invoke")) {
                stub(tool, "echo \"" + tool + " $*\" >> '" + log + "'\n"
                        + (tool.equals("dpkg-statoverride") ? "exit 1\n" : "exit 0\n"));
            }
            // A fresh board: no posterm user or group yet; dialout always, gpio where the board has it.
            stub("getent", "for g in $POSTERM_TEST_GROUPS; do [ \"$1 $2\" = \"group $g\" ] && exit 0; done\nexit 2\n");
        }

        Board withGroup(String group) {
            groups = groups + " " + group;
            return this;
        }

        Commands.Result run(String script, String... args) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of("sh", pkg.control(script).toString()));
            command.addAll(List.of(args));
            return Commands.run(command, Map.of("DPKG_ROOT", root.toString(), "POSTERM_TEST_GROUPS", groups,
                    "PATH", bin + ":/usr/bin:/bin"));
        }

        String calls() throws Exception {
            return Files.exists(log) ? Files.readString(log) : "";
        }

        private void stub(String name, String body) throws Exception {
            Path p = bin.resolve(name);
            Files.writeString(p, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
