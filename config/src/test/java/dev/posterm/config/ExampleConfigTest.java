package dev.posterm.config;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example shipped with the module must load as it is, so operators can start from it. */
class ExampleConfigTest {

    @Test
    void shippedExampleLoads() throws Exception {
        String text;
        try (InputStream in = ConfigLoader.class.getResourceAsStream("example.toml")) {
            assertNotNull(in, "example.toml is on the classpath next to ConfigLoader");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PostermConfig config = ConfigLoader.parse(text, Path.of("example.toml"));

        assertEquals("T0000001", config.terminal().id());
        assertEquals(156, config.terminal().currencyNumeric());
        assertEquals(PostermConfig.Locale.ZH_CN, config.terminal().locale());
        assertTrue(config.modem().present());
        assertEquals("/dev/ttyUSB2", config.modem().port().orElseThrow());
    }
}
