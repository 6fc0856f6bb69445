package dev.posterm.packaging;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The technician's stick as the package installs it: the udev rule starts the templated unit for a
 * USB filesystem, the unit passes {@code systemd-analyze verify}, and the script (run with
 * {@code mount}, {@code umount}, {@code runuser} and {@code posterm} replaced by stubs that write
 * down each call) mounts read-only, imports as the service's user, keeps the outcome off the
 * stick and unmounts.
 */
class StickTest {
    private static final String RULES = "/usr/lib/udev/rules.d/72-posterm-stick.rules";
    private static final String UNIT = "/usr/lib/systemd/system/posterm-stick@.service";
    private static final String SCRIPT = "/usr/lib/posterm/posterm-stick";

    @Test
    void theRuleStartsTheStickUnitForAFilesystemOnAUsbDiskAndTheUnitRunsTheScript() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        String rules = pkg.text(RULES);
        var unit = UnpackedPackage.unitKeys(pkg.text(UNIT));

        assertAll(
                () -> assertTrue(rules.contains("ENV{SYSTEMD_WANTS}+=\"posterm-stick@%k.service\""), rules),
                () -> assertTrue(rules.contains("TAG+=\"systemd\""), rules),
                () -> assertTrue(rules.contains("ENV{ID_BUS}!=\"usb\", GOTO=\"posterm_stick_end\""), "USB disks only"),
                () -> assertTrue(rules.contains("ACTION!=\"add\", GOTO=\"posterm_stick_end\""), "on plugging in only"),
                () -> assertEquals(List.of(SCRIPT + " %I"), unit.get("ExecStart")),
                () -> assertEquals(List.of("oneshot"), unit.get("Type")),
                () -> assertEquals(List.of("dev-%i.device"), unit.get("BindsTo"), "pulled out: stopped"),
                () -> assertTrue(Files.isExecutable(pkg.file(SCRIPT)), SCRIPT + " is executable"),
                () -> assertTrue(Files.readString(pkg.file(SCRIPT)).startsWith("#!/bin/sh\n")));
        Commands.run(List.of("sh", "-n", pkg.file(SCRIPT).toString())).requireSuccess();
        if (Commands.onPath("udevadm")) {
            Commands.Result verify = Commands.run(List.of("udevadm", "verify", pkg.file(RULES).toString()));
            assertEquals(0, verify.exitCode(), verify.output());
        }
    }

    @Test
    void theStickUnitPassesSystemdAnalyzeVerify() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        assumeTrue(Commands.onPath("systemd-analyze"), "systemd-analyze is not installed: the unit is not verified here");
        Path dir = Files.createTempDirectory("posterm-stick-unit");
        // An instance, as udev starts it; verify checks that the programs exist: the unpacked script.
        Path unit = dir.resolve("posterm-stick@sdb1.service");
        Files.writeString(unit, pkg.text(UNIT).replace(SCRIPT, pkg.file(SCRIPT).toString()));

        Commands.Result verify = Commands.run(List.of("systemd-analyze", "verify", unit.toString()));

        assertEquals(0, verify.exitCode(), verify.output());
        assertEquals("", verify.output().strip(), "systemd-analyze verify has nothing to say about the unit");
    }

    @Test
    void aConfigurationStickIsMountedReadOnlyImportedAsThePostermUserAndUnmountedWithTheOutcomeBeside()
            throws Exception {
        Rig rig = new Rig(UnpackedPackage.get(), true, 0);

        Commands.Result run = rig.run("sdb1");

        assertEquals(0, run.exitCode(), run.output());
        Path mnt = rig.mounts.resolve("sdb1");
        List<String> calls = rig.calls();
        assertAll(
                () -> assertEquals("mount -o ro,nosuid,nodev,noexec /dev/sdb1 " + mnt, calls.get(0)),
                () -> assertEquals("runuser -u " + rig.user + " -- " + rig.posterm + " config import " + mnt
                        + " --config /etc/posterm/posterm.toml", calls.get(1)),
                () -> assertEquals("posterm config import " + mnt + " --config /etc/posterm/posterm.toml",
                        calls.get(2)),
                () -> assertEquals("umount " + mnt, calls.get(3)),
                () -> assertEquals(4, calls.size(), calls.toString()),
                () -> assertFalse(Files.exists(mnt), "the mount point is removed"),
                () -> assertEquals("applied: version 7\n", Files.readString(rig.results.resolve("last-import.txt"))),
                () -> assertTrue(run.output().contains("applied: version 7"), "the outcome in the system journal too"),
                () -> assertEquals(List.of("terminal.toml", "terminal.toml.sig"), rig.stickFiles(),
                        "nothing written on the stick"));
    }

    @Test
    void aRefusedBundleEndsTheUnitWithTheImportsStatusAndStillKeepsTheOutcome() throws Exception {
        Rig rig = new Rig(UnpackedPackage.get(), true, 1);

        Commands.Result run = rig.run("sdc1");

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(rig.calls().getLast().startsWith("umount "), rig.calls().toString());
        assertTrue(Files.readString(rig.results.resolve("last-import.txt")).contains("BUNDLE_BAD_SIGNATURE"));
    }

    @Test
    void aStickWithoutAPostermFolderIsLeftAloneAndABadDeviceNameIsRefused() throws Exception {
        Rig rig = new Rig(UnpackedPackage.get(), false, 0);

        Commands.Result run = rig.run("sdb1");

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(2, rig.calls().size(), "mounted and unmounted, nothing imported: " + rig.calls());
        assertTrue(rig.calls().get(1).startsWith("umount "), rig.calls().toString());
        assertEquals(2, rig.run("../../etc").exitCode(), "a name that could climb out of the mount folder");
    }

    /** The script with stub programs on PATH and scratch folders for the mounts and the results. */
    private static final class Rig {
        final Path script;
        final Path dir;
        final Path mounts;
        final Path results;
        final Path stick;
        final Path posterm;
        final Path log;
        final String user = System.getProperty("user.name");
        private final Path bin;

        Rig(UnpackedPackage pkg, boolean bundle, int importStatus) throws Exception {
            script = pkg.file(SCRIPT);
            dir = Files.createTempDirectory("posterm-stick");
            mounts = dir.resolve("run/posterm-stick");
            results = dir.resolve("var/lib/posterm/stick");
            stick = dir.resolve("stick");
            bin = dir.resolve("bin");
            log = dir.resolve("calls");
            Files.createDirectories(bin);
            Files.createDirectories(stick.resolve("posterm"));
            if (bundle) {
                Files.writeString(stick.resolve("posterm/terminal.toml"), "[bundle]\nversion = 7\n");
                Files.writeString(stick.resolve("posterm/terminal.toml.sig"), "c2lnbmF0dXJl\n");
            } else {
                Files.delete(stick.resolve("posterm"));
                Files.writeString(stick.resolve("holiday.jpg"), "not a bundle");
            }
            // mount: what the stick holds appears at the mount point (a copy; the stick itself stays as it is).
            stub("mount", "echo \"mount $*\" >> " + log + "\nfor last; do :; done\ncp -R " + stick + "/. \"$last\"\n");
            stub("umount", "echo \"umount $*\" >> " + log + "\nrm -rf \"$1\"/* \"$1\"/.[!.]* 2>/dev/null\n");
            stub("runuser", "echo \"runuser $*\" >> " + log + "\nshift 3\nexec \"$@\"\n");
            posterm = stub("posterm", "echo \"posterm $*\" >> " + log + "\n"
                    + (importStatus == 0 ? "echo 'applied: version 7'\n"
                            : "echo 'refused: BUNDLE_BAD_SIGNATURE' >&2\n") + "exit " + importStatus + "\n");
        }

        private Path stub(String name, String body) throws Exception {
            Path file = bin.resolve(name);
            Files.writeString(file, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        }

        Commands.Result run(String device) throws Exception {
            return Commands.run(List.of("sh", script.toString(), device), Map.of(
                    "PATH", bin + ":" + System.getenv("PATH"),
                    "POSTERM_STICK_MOUNTS", mounts.toString(),
                    "POSTERM_STICK_RESULTS", results.toString(),
                    "POSTERM_USER", user,
                    "POSTERM_BIN", posterm.toString()));
        }

        List<String> calls() throws Exception {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        }

        List<String> stickFiles() throws Exception {
            try (var files = Files.list(stick.resolve("posterm"))) {
                return files.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
    }
}
