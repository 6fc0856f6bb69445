package dev.posterm.drivers.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeLibrariesTest {

    @Test
    void jSerialCommExtractsItsLibraryUnderTheGivenDirectoryAndTmpdirIsRestored(@TempDir Path dir) throws Exception {
        String tmpdir = System.getProperty("java.io.tmpdir");
        NativeLibraries.useDirectory(dir);

        assertEquals(tmpdir, System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.walk(dir.resolve("jserialcomm"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().contains("jSerialComm")
                    && Files.isRegularFile(p)), "native library extracted under " + dir);
        }
    }

    @Test
    void pi4jArchitecturesFollowItsLoader() {
        assertEquals(Optional.of("aarch64"), NativeLibraries.pi4jArch("aarch64"));
        assertEquals(Optional.of("aarch64"), NativeLibraries.pi4jArch("arm64"));
        assertEquals(Optional.of("armhf"), NativeLibraries.pi4jArch("arm"));
        assertEquals(Optional.empty(), NativeLibraries.pi4jArch("amd64"));
    }
}
