package dev.posterm.core.wiring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A serial device for tests: socat makes a pseudo-terminal at {@code link} and bridges it to a
 * simulator's TCP port, so the controller opens a real tty device path (through jSerialComm) and
 * the bytes reach the simulator unchanged.
 */
final class PseudoTerminal implements AutoCloseable {
    private final Process socat;
    final Path link;

    private PseudoTerminal(Process socat, Path link) {
        this.socat = socat;
        this.link = link;
    }

    static boolean available() {
        try {
            return new ProcessBuilder("socat", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static PseudoTerminal bridgeTo(int tcpPort, Path link) throws Exception {
        Process p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + link, "tcp:127.0.0.1:" + tcpPort)
                .redirectErrorStream(true).redirectOutput(link.resolveSibling(link.getFileName() + ".socat.log").toFile())
                .start();
        Shop.await(Duration.ofSeconds(5), "socat to create " + link, () -> Files.exists(link) || !p.isAlive());
        if (!p.isAlive()) {
            throw new IllegalStateException("socat exited: see " + link + ".socat.log");
        }
        return new PseudoTerminal(p, link);
    }

    @Override
    public void close() {
        socat.destroy();
    }
}
