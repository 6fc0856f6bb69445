package dev.posterm.config.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachReplacementKeepsTheFileItReplaces() throws Exception {
        Path config = dir.resolve("posterm.toml");
        Files.writeString(config, "one");
        ConfigFile.replace(config, "two".getBytes(StandardCharsets.UTF_8));
        ConfigFile.replace(config, "three".getBytes(StandardCharsets.UTF_8));
        assertEquals("three", Files.readString(config));
        assertEquals("two", Files.readString(ConfigFile.previous(config)));
        assertEquals(List.of("posterm.toml", "posterm.toml.previous"), names());
    }

    @Test
    void theNewFileKeepsTheOldOnesPermissionsForItHoldsTheTokens() throws Exception {
        Path config = dir.resolve("posterm.toml");
        Files.writeString(config, "one");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        ConfigFile.replace(config, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(ConfigFile.previous(config))));
    }

    @Test
    void aSymbolicLinkAtTheConfigPathStaysAndItsTargetIsReplaced() throws Exception {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("posterm.toml"), "one");
        Path link = Files.createSymbolicLink(dir.resolve("posterm.toml"), real);
        ConfigFile.replace(link, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(real));
        assertEquals(real, Files.readSymbolicLink(link));
        assertEquals("one", Files.readString(ConfigFile.previous(real)));
    }

    @Test
    void whenAStepFailsTheConfigFileIsUnchangedAndNoTemporaryFileIsLeft() throws Exception {
        Path config = dir.resolve("posterm.toml");
        Files.writeString(config, "one");
        // A folder where the previous file must go: the rename onto it fails, as a full or broken disk would.
        Files.writeString(Files.createDirectories(ConfigFile.previous(config)).resolve("in-the-way"), "x");
        assertThrows(IOException.class, () -> ConfigFile.replace(config, "two".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(config));
        assertEquals(List.of("posterm.toml", "posterm.toml.previous"), names());
    }
}
