package dev.posterm.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The unpacked launcher starts the controller's JVM with the package's own jvm.options: a typo
 * there would keep the terminal from ever starting, so the JVM must accept every line of it.
 */
class LauncherTest {

    @Test
    void theServiceJvmAcceptsTheShippedOptionsAndWritesItsClassArchiveUnderTheStateDirectory() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        Path state = Files.createTempDirectory("posterm-state");
        Files.createDirectories(state.resolve("cds"));
        // The shipped options, with the state directory moved to this test's own.
        Path options = state.resolve("jvm.options");
        Files.writeString(options, pkg.text("/etc/posterm/jvm.options").replace("/var/lib/posterm", state.toString()));
        Map<String, String> env = Map.of("POSTERM_JVM_OPTIONS", options.toString(),
                "JAVA_HOME", System.getProperty("java.home"));
        List<String> run = List.of(pkg.file("/usr/bin/posterm").toString(), "run", "--config",
                state.resolve("missing.toml").toString());

        Commands.Result first = Commands.run(run, env);
        Path archive = state.resolve("cds/posterm.jsa");
        byte[] made = Files.readAllBytes(archive);
        Commands.Result second = Commands.run(run, env);

        // Exit 2 is the controller refusing its configuration: the JVM started, the posterm command ran.
        assertEquals(2, first.exitCode(), first.output());
        assertTrue(first.output().contains("missing.toml"), first.output());
        assertTrue(made.length > 0, "the CDS archive is written at a clean exit");
        assertEquals(2, second.exitCode(), second.output());
        assertFalse(second.output().toLowerCase(java.util.Locale.ROOT).contains("shared archive"),
                "the second start maps the archive without complaint:\n" + second.output());
    }

    @Test
    void anArchiveHalfWrittenWhenThePowerWentIsIgnoredNotACrashAtEveryStart() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        Path state = Files.createTempDirectory("posterm-state");
        Files.createDirectories(state.resolve("cds"));
        Path options = state.resolve("jvm.options");
        Files.writeString(options, pkg.text("/etc/posterm/jvm.options").replace("/var/lib/posterm", state.toString()));
        Map<String, String> env = Map.of("POSTERM_JVM_OPTIONS", options.toString(),
                "JAVA_HOME", System.getProperty("java.home"));
        List<String> run = List.of(pkg.file("/usr/bin/posterm").toString(), "run", "--config",
                state.resolve("missing.toml").toString());
        Commands.run(run, env);
        Path archive = state.resolve("cds/posterm.jsa");
        byte[] bytes = Files.readAllBytes(archive);
        // The second half never reached the flash: zeros where the classes should be.
        java.util.Arrays.fill(bytes, bytes.length / 3, bytes.length, (byte) 0);
        Files.write(archive, bytes);

        Commands.Result afterPowerCut = Commands.run(run, env);

        assertEquals(2, afterPowerCut.exitCode(), "the JVM starts and the command runs:\n" + afterPowerCut.output());
    }

    @Test
    void theOtherCommandsRunWithoutTheServiceOptions() throws Exception {
        UnpackedPackage pkg = UnpackedPackage.get();
        Commands.Result version = Commands.run(List.of(pkg.file("/usr/bin/posterm").toString(), "--version"),
                Map.of("POSTERM_JVM_OPTIONS", "/nonexistent/jvm.options", "JAVA_HOME", System.getProperty("java.home")));

        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().startsWith("posterm "), version.output());
    }
}
