package dev.posterm.core.wiring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Tells systemd how the service is ({@code READY=1}, {@code WATCHDOG=1}) over {@code $NOTIFY_SOCKET},
 * a datagram unix socket, through the {@code systemd-notify} command.
 *
 * <p>Why a command: the JDK speaks unix sockets only as streams ({@code SocketChannel}), not as
 * datagrams, and the libraries that do (junixsocket, jnr-unixsocket) bring native code for every
 * board; {@code systemd-notify} is on every board that has systemd, and a fork every few seconds
 * costs nothing there. Its price: the message comes from a child process, so the unit needs
 * {@code NotifyAccess=all}; and {@code --no-block}, so that it does not wait for systemd to
 * acknowledge (a barrier) while the watchdog is late. A message that cannot be sent is logged and
 * never stops the controller: without systemd (a bench, a test) there is no socket and nothing is sent.
 */
final class ServiceNotifier {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final String socket;
    private final Path command;

    ServiceNotifier(String socket, Path command) {
        this.socket = socket;
        this.command = command;
    }

    /** The notifier systemd asked for, when it did ({@code NOTIFY_SOCKET} set) and the command is there. */
    static Optional<ServiceNotifier> fromEnvironment(Map<String, String> env) {
        Optional<String> socket = Optional.ofNullable(env.get("NOTIFY_SOCKET")).filter(s -> !s.isBlank());
        Path command = Path.of("/usr/bin/systemd-notify");
        if (socket.isPresent() && !Files.isExecutable(command)) {
            Logger.warn("NOTIFY_SOCKET is set but {} is missing: systemd is not told when posterm is ready", command);
            return Optional.empty();
        }
        return socket.map(s -> new ServiceNotifier(s, command));
    }

    /** The watchdog interval systemd expects pets within ({@code WATCHDOG_USEC}), when it set one for this process. */
    static Optional<Duration> watchdogInterval(Map<String, String> env, long pid) {
        Optional<String> forPid = Optional.ofNullable(env.get("WATCHDOG_PID"));
        if (forPid.isPresent() && !forPid.get().equals(Long.toString(pid))) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(env.get("WATCHDOG_USEC")).map(Long::parseLong).filter(us -> us > 0)
                    .map(us -> Duration.ofNanos(us * 1000));
        } catch (NumberFormatException e) {
            Logger.warn("WATCHDOG_USEC is not a number: {}; no watchdog", env.get("WATCHDOG_USEC"));
            return Optional.empty();
        }
    }

    /** Sends one state line such as {@code READY=1}; true when systemd-notify said it was sent. */
    boolean send(String state) {
        ProcessBuilder b = new ProcessBuilder(List.of(command.toString(), "--no-block", state))
                .redirectErrorStream(true);
        b.environment().put("NOTIFY_SOCKET", socket);
        try {
            Process p = b.start();
            String said = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Logger.warn("systemd-notify {} did not finish within {} s", state, PATIENCE.toSeconds());
                return false;
            }
            if (p.exitValue() != 0) {
                Logger.warn("systemd-notify {} failed (exit {}): {}", state, p.exitValue(), said);
                return false;
            }
            return true;
        } catch (IOException e) {
            Logger.warn("systemd-notify {} could not run: {}", state, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
