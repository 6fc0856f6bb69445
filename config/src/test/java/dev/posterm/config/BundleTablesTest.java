package dev.posterm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bundle's terminal.toml replaces the config file as it is, so the terminal must load a file with
 * [bundle] (config-bundle.md) and [config] (config-keys.md) like any other.
 */
class BundleTablesTest {

    private static final Path ORIGIN = Path.of("/etc/posterm/posterm.toml");

    @Test
    void aBundlesVersionAndRollbackWindowAreRead() throws Exception {
        PostermConfig cfg = ConfigLoader.parse(ConfigLoaderTest.MINIMAL + """
                [bundle]
                version = 7
                [config]
                rollback_seconds = 300
                """, ORIGIN);
        assertEquals(new PostermConfig.Bundle(7), cfg.bundle());
        assertEquals(new PostermConfig.Rollback(Duration.ofSeconds(300)), cfg.rollback());
    }

    @Test
    void withoutThoseTablesTheVersionIsZeroAndTheWindowTwoMinutes() throws Exception {
        PostermConfig cfg = ConfigLoader.parse(ConfigLoaderTest.MINIMAL, ORIGIN);
        assertEquals(new PostermConfig.Bundle(0), cfg.bundle());
        assertEquals(Duration.ofSeconds(120), cfg.rollback().within());
    }

    @Test
    void aBundleTableWithoutAPositiveIntegerVersionIsAProblem() {
        for (String bad : List.of("", "version = 0", "version = \"7\"", "version = -1")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.parse(ConfigLoaderTest.MINIMAL + "[bundle]\n" + bad + "\n", ORIGIN), bad);
            assertEquals(List.of("bundle.version"), e.problems().stream().map(ConfigProblem::keyPath).toList(), bad);
        }
    }

    @Test
    void aRollbackWindowOutOfRangeIsAProblemOnItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(ConfigLoaderTest.MINIMAL
                + "[config]\nrollback_seconds = 5\n", ORIGIN));
        ConfigProblem p = e.problems().get(0);
        assertEquals("config.rollback_seconds", p.keyPath());
        assertEquals(ConfigLoaderTest.MINIMAL.split("\n").length + 2, p.line());
    }
}
