package dev.posterm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** [settlement] retention_days and min_free_mb: defaults, kept values, bad ones named with key and line. */
class SettlementConfigTest {
    private static final Path ORIGIN = Path.of("posterm.toml");

    @Test
    void absentMeansNinetyDaysAndSixtyFourMegabytes() throws Exception {
        PostermConfig.Settlement s = ConfigLoader.parse(ConfigLoaderTest.MINIMAL, ORIGIN).settlement();
        assertEquals(90, s.retentionDays());
        assertEquals(64, s.minFreeMb());
    }

    @Test
    void givenValuesAreKept() throws Exception {
        PostermConfig.Settlement s = ConfigLoader.parse(ConfigLoaderTest.MINIMAL
                + "[settlement]\nretention_days = 400\nmin_free_mb = 16\n", ORIGIN).settlement();
        assertEquals(400, s.retentionDays());
        assertEquals(16, s.minFreeMb());
    }

    @Test
    void outOfRangeOrUnknownKeysAreRefusedWithTheirKey() {
        for (String bad : new String[] {"retention_days = 0", "retention_days = 3651", "retention_days = \"90\"",
                "min_free_mb = 0", "retention = 30"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(ConfigLoaderTest.MINIMAL
                    + "[settlement]\n" + bad + "\n", ORIGIN));
            assertTrue(e.getMessage().contains("settlement." + bad.substring(0, bad.indexOf(' '))), e.getMessage());
        }
    }
}
