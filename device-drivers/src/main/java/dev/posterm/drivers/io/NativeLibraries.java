package dev.posterm.drivers.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps native libraries out of {@code /tmp}, which is mounted noexec on the board: a library
 * extracted there cannot be mapped executable and the driver fails with UnsatisfiedLinkError.
 * Call {@link #useDirectory(Path)} once at startup, before any serial port or GPIO is touched,
 * with a directory under the data dir (on a filesystem without noexec).
 *
 * <p>What the libraries offer (looked up in their 2.11.4 / 3.0.3 jars, not guessed):
 * <ul>
 *   <li><b>jSerialComm</b> has no extraction-directory property. It extracts to
 *       {@code ${java.io.tmpdir}/jSerialComm/} when {@code SerialPort} initialises, or loads a
 *       pre-extracted copy from {@value #JSERIALCOMM_LIBRARY_PATH}. We initialise it with
 *       {@code java.io.tmpdir} pointing at {@code dir/jserialcomm} for that moment only, so it
 *       keeps choosing the right library for the CPU itself.</li>
 *   <li><b>Pi4J 3 gpiod</b> extracts with {@code Files.createTempFile}, whose directory the JDK fixes
 *       at startup from {@code -Djava.io.tmpdir}: no runtime switch. It loads from
 *       {@value #PI4J_LIBRARY_PATH} = a directory holding {@code libgpiod.so} and
 *       {@code libpi4j-gpiod.so} when that property is set, so we copy those two from its jar
 *       (resources {@code /lib/<aarch64|armhf>/pi4j-gpiod/}) into {@code dir/pi4j} and set it.
 *       On other CPUs (a developer's x86) there is nothing to copy and the property stays unset.</li>
 * </ul>
 * The simplest alternative for the launcher is {@code -Djava.io.tmpdir=<data dir>/tmp}, which
 * covers both (and sqlite-jdbc); this class makes the process safe even without it.
 */
public final class NativeLibraries {
    /** jSerialComm: a directory holding a pre-extracted native library. Not set by us. */
    public static final String JSERIALCOMM_LIBRARY_PATH = "jSerialComm.library.path";
    /** Pi4J 3 gpiod: "system", "local" or a directory holding its native libraries. */
    public static final String PI4J_LIBRARY_PATH = "pi4j.library.path";

    private static final List<String> PI4J_GPIOD_FILES = List.of("libgpiod.so", "libpi4j-gpiod.so");

    private NativeLibraries() {
    }

    /**
     * Extracts and loads jSerialComm under {@code dir/jserialcomm} and, on ARM, stages Pi4J's
     * gpiod libraries under {@code dir/pi4j}.
     *
     * @throws IOException if the directory cannot be created or a library cannot be copied
     */
    public static void useDirectory(Path dir) throws IOException {
        Path serial = Files.createDirectories(dir.resolve("jserialcomm"));
        SerialTransport.loadNativeLibrary(serial);
        Optional<String> arch = pi4jArch(System.getProperty("os.arch", ""));
        if (arch.isPresent() && System.getProperty(PI4J_LIBRARY_PATH) == null) {
            Path pi4j = Files.createDirectories(dir.resolve("pi4j"));
            if (copyPi4jLibraries(arch.get(), pi4j)) {
                System.setProperty(PI4J_LIBRARY_PATH, pi4j.toAbsolutePath().toString());
            }
        }
    }

    /** Pi4J's folder name for the JVM's {@code os.arch}, as its loader maps it. */
    static Optional<String> pi4jArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "aarch64", "arm64" -> Optional.of("aarch64");
            case "arm" -> Optional.of("armhf");
            default -> Optional.empty();
        };
    }

    private static boolean copyPi4jLibraries(String arch, Path target) throws IOException {
        for (String file : PI4J_GPIOD_FILES) {
            try (InputStream in = NativeLibraries.class.getResourceAsStream("/lib/" + arch + "/pi4j-gpiod/" + file)) {
                if (in == null) {
                    return false;  // pi4j-library-gpiod not on the class path: nothing to stage
                }
                Files.copy(in, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return true;
    }
}
