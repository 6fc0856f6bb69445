package dev.posterm.packaging;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** What the board gets from the package: every file where the unit and the launcher look for it. */
class DebianPackageTest {
    private static final String UNIT = "/usr/lib/systemd/system/posterm.service";
    private static final String CONFIG = "/etc/posterm/posterm.toml";
    private static final String JVM_OPTIONS = "/etc/posterm/jvm.options";
    private static final String LAUNCHER = "/usr/bin/posterm";
    private static final String RULES = "/usr/lib/udev/rules.d/70-posterm.rules";
    private static final String LIB = "/usr/share/posterm/lib";
    /** The largest host.timeout_ms the configuration accepts (docs/configuration.md). */
    private static final Duration LONGEST_HOST_TIMEOUT = Duration.ofSeconds(120);
    /** What the controller adds to the host timeout for a sale in flight on SIGTERM (docs/reliability.md). */
    private static final Duration READER_GRACE = Duration.ofSeconds(30);

    @Test
    void theUnitStartsTheLauncherWithTheConfigAndTheLauncherFindsItsJarsAndJvmOptions() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        Map<String, List<String>> unit = UnpackedPackage.unitKeys(pkg.text(UNIT));
        List<String> exec = List.of(unit.get("ExecStart").get(0).split(" "));
        String launcher = pkg.text(LAUNCHER);

        assertAll(
                () -> assertEquals(List.of(LAUNCHER, "run", "--config", CONFIG), exec),
                () -> assertTrue(Files.isExecutable(pkg.file(LAUNCHER)), LAUNCHER + " is executable"),
                () -> assertTrue(Files.isRegularFile(pkg.file(CONFIG)), CONFIG),
                () -> assertTrue(launcher.contains("$here/../share/posterm/lib"), "the launcher looks in " + LIB),
                () -> assertTrue(launcher.contains(JVM_OPTIONS), "the launcher reads " + JVM_OPTIONS),
                () -> assertTrue(Files.isRegularFile(pkg.file(JVM_OPTIONS)), JVM_OPTIONS),
                () -> assertTrue(Files.isRegularFile(pkg.file(RULES)), RULES),
                () -> assertTrue(launcher.contains("dev.posterm.core.cli.Posterm"), "the launcher runs the posterm command"),
                () -> assertTrue(jars(pkg).containsAll(Set.of("terminal-core", "config", "device-drivers",
                        "receipt-printer", "sqlite-jdbc", "jSerialComm", "pi4j-core", "pi4j-plugin-gpiod",
                        "pi4j-library-gpiod", "tinylog-impl", "picocli", "j8583")), "jars in " + LIB + ": " + jars(pkg)),
                () -> assertFalse(jars(pkg).contains("simulator"), "no simulator on the board"));
    }

    @Test
    void theInstalledConfigLoadsWritesWhereTheUnitLetsItAndNamesTheDevicesTheUdevRulesMake() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        PostermConfig cfg = ConfigLoader.load(pkg.file(CONFIG));
        Map<String, List<String>> unit = UnpackedPackage.unitKeys(pkg.text(UNIT));
        Set<String> links = symlinks(pkg.text(RULES));

        assertAll(
                () -> assertEquals(Path.of("/var/lib/posterm"), cfg.data().dir()),
                () -> assertEquals(List.of(cfg.data().dir().toString(), Path.of(CONFIG).getParent().toString()),
                        unit.get("ReadWritePaths"), "the unit lets the controller write in data.dir, where it extracts"
                                + " its native libraries, and beside its config file, which a signed bundle replaces"
                                + " (a new file renamed over it, the previous kept beside it)"),
                () -> assertEquals(List.of(cfg.data().dir().toString()), unit.get("WorkingDirectory")),
                () -> assertFalse(unit.containsKey("NoExecPaths"), "data.dir/native must stay executable"),
                () -> assertEquals(List.of("strict"), unit.get("ProtectSystem")),
                () -> assertTrue(pkg.text(JVM_OPTIONS).contains("-XX:SharedArchiveFile=" + cfg.data().dir() + "/cds/"),
                        "the CDS archive is written under data.dir"),
                () -> assertEquals(Set.of("posterm-reader", "posterm-printer", "posterm-modem", "posterm-scanner"), links),
                () -> assertEquals("/dev/posterm-reader", cfg.reader().port()),
                () -> assertEquals("/dev/posterm-printer", cfg.printer().port()),
                () -> assertEquals("/dev/posterm-modem", cfg.modem().port().orElseThrow()));
    }

    @Test
    void theStopTimeoutOutlastsTheLongestHostTimeoutPlusTheReadersGrace() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        Map<String, List<String>> unit = UnpackedPackage.unitKeys(pkg.text(UNIT));
        Duration stop = seconds(unit.get("TimeoutStopSec").get(0));
        PostermConfig cfg = ConfigLoader.load(pkg.file(CONFIG));

        assertTrue(stop.compareTo(LONGEST_HOST_TIMEOUT.plus(READER_GRACE)) > 0, "TimeoutStopSec " + stop);
        assertTrue(stop.compareTo(cfg.host().timeout().plus(READER_GRACE)) > 0, "TimeoutStopSec " + stop);
        assertEquals(List.of("always"), unit.get("Restart"));
        assertEquals(List.of("notify"), unit.get("Type"), "ready only once the API answers");
        assertEquals(List.of("all"), unit.get("NotifyAccess"), "READY=1 and WATCHDOG=1 come from systemd-notify, a child");
        assertTrue(unit.containsKey("WatchdogSec"), "a watchdog");
        assertTrue(unit.containsKey("StartLimitBurst") && unit.containsKey("StartLimitIntervalSec"), "a start rate limit");
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        assumeTrue(Commands.onPath("systemd-analyze"), "systemd-analyze is not installed: the unit is not verified here");
        // verify checks that ExecStart's program exists: point it at the unpacked launcher.
        Path dir = Files.createTempDirectory("posterm-unit");
        Path unit = dir.resolve("posterm.service");
        Files.writeString(unit, pkg.text(UNIT).replace("ExecStart=" + LAUNCHER, "ExecStart=" + pkg.file(LAUNCHER)));

        Commands.Result verify = Commands.run(List.of("systemd-analyze", "verify", unit.toString()));

        assertEquals(0, verify.exitCode(), verify.output());
        assertEquals("", verify.output().strip(), "systemd-analyze verify has nothing to say about the unit");
    }

    @Test
    void theConfigAndTheJvmOptionsAreConffilesAndNoFileOfThePackageLivesWithTheJournal() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        List<String> conffiles = Files.readAllLines(pkg.control("conffiles")).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();

        assertEquals(Set.of(CONFIG, JVM_OPTIONS), Set.copyOf(conffiles));
        assertFalse(Files.exists(pkg.file("/var/lib/posterm")), "dpkg must never own a file beside the journal");
    }

    @Test
    void oneArchitectureAllPackageCarriesTheNativePartsForArm64AndArmhf() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        String control = Files.readString(pkg.control("control"));

        assertTrue(control.contains("\nArchitecture: all\n"), control);
        assertAll(
                () -> assertHolds(pkg, "jSerialComm", "Linux/armv8_64/libjSerialComm.so", "Linux/armv7hf/libjSerialComm.so"),
                () -> assertHolds(pkg, "sqlite-jdbc", "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
                        "org/sqlite/native/Linux/armv7/libsqlitejdbc.so"),
                () -> assertHolds(pkg, "pi4j-library-gpiod", "lib/aarch64/pi4j-gpiod/libpi4j-gpiod.so",
                        "lib/armhf/pi4j-gpiod/libpi4j-gpiod.so"));
    }

    private static void assertHolds(UnpackedPackage pkg, String library, String... entries) throws Exception {
        try (var jars = Files.list(pkg.file(LIB))) {
            Path jar = jars.filter(p -> p.getFileName().toString().startsWith(library + "-")).findFirst().orElseThrow();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (String entry : entries) {
                    assertTrue(zip.getEntry(entry) != null, jar.getFileName() + " holds " + entry);
                }
            }
        }
    }

    /** The artifact names of the jars in /usr/share/posterm/lib ("sqlite-jdbc" for sqlite-jdbc-3.53.4.0.jar). */
    private static Set<String> jars(UnpackedPackage pkg) throws Exception {
        try (var jars = Files.list(pkg.file(LIB))) {
            return jars.map(p -> p.getFileName().toString().replaceFirst("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", ""))
                    .collect(Collectors.toSet());
        }
    }

    private static Set<String> symlinks(String rules) {
        Matcher m = Pattern.compile("SYMLINK\\+=\"([^\"]+)\"").matcher(rules);
        Set<String> links = new java.util.HashSet<>();
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    /** systemd's "180s", "3min" or "180". */
    private static Duration seconds(String value) {
        Matcher m = Pattern.compile("(\\d+)(s|min)?").matcher(value.strip());
        assertTrue(m.matches(), "a time span in seconds or minutes: " + value);
        long n = Long.parseLong(m.group(1));
        return "min".equals(m.group(2)) ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }
}
