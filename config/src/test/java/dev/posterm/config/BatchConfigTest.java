package dev.posterm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** [batch] auto_close_at: "HH:MM" local or "none" (config-keys.md); a bad value named with its key and line. */
class BatchConfigTest {
    private static final Path ORIGIN = Path.of("posterm.toml");

    @Test
    void absentOrNoneMeansNoAutomaticCloseAndATimeIsKept() throws Exception {
        assertEquals(Optional.empty(), ConfigLoader.parse(ConfigLoaderTest.MINIMAL, ORIGIN).batch().autoCloseAt());
        assertEquals(Optional.empty(), ConfigLoader.parse(ConfigLoaderTest.MINIMAL + "[batch]\nauto_close_at = \"none\"\n",
                ORIGIN).batch().autoCloseAt());
        assertEquals(Optional.of(LocalTime.of(23, 30)), ConfigLoader.parse(ConfigLoaderTest.MINIMAL
                + "[batch]\nauto_close_at = \"23:30\"\n", ORIGIN).batch().autoCloseAt());
    }

    @Test
    void aTimeThatIsNotHhMmIsRefusedWithItsKey() {
        for (String bad : new String[] {"24:00", "7:30", "23:30:00", "midnight"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(ConfigLoaderTest.MINIMAL
                    + "[batch]\nauto_close_at = \"" + bad + "\"\n", ORIGIN));
            assertTrue(e.getMessage().contains("batch.auto_close_at") && e.getMessage().contains("HH:MM"),
                    e.getMessage());
        }
    }
}
