package dev.posterm.simulator.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real controller as a child process ({@code posterm run --config FILE}), on the same JVM
 * binary and class path as this one. The simulator never links the controller's classes: it
 * starts it by its main class name, as an installer's launcher would, and talks to it only over
 * the local API and the device lines.
 */
public final class ControllerProcess implements AutoCloseable {
    public static final String MAIN_CLASS = "dev.posterm.core.cli.Posterm";

    /** How long a SIGKILLed process may take to be reaped (the kernel's work, normally milliseconds). */
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path output;

    private ControllerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code posterm run --config config}; its stdout and stderr go to {@code output}. */
    public static ControllerProcess start(Path config, Path output) throws IOException {
        return start(List.of(), config, output);
    }

    /**
     * As {@link #start(Path, Path)}, through {@code wrapper} (say {@code unshare -m sh -c '... exec "$@"'}),
     * which must end by exec-ing the command after it, so that {@link #pid()}, SIGTERM and SIGKILL
     * reach the controller itself.
     */
    public static ControllerProcess start(List<String> wrapper, Path config, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), MAIN_CLASS, "run", "--config",
                config.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new ControllerProcess(p, output);
    }

    public Path output() {
        return output;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until {@code GET status} answers 200 or the process dies or {@code limit} passes.
     *
     * @return true when ready
     */
    public boolean awaitReady(URI statusUri, String token, Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(statusUri).timeout(Duration.ofSeconds(2))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** SIGTERM, as systemd stops it; waits up to {@code grace}. @return the exit code, or -1 if it had to be killed */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    /** SIGTERM, as systemd stops it, without waiting: the caller watches it stop ({@link #awaitExit}). */
    public void terminate() {
        process.destroy();
    }

    /** @return the exit code, or -1 if it is still running after {@code limit} */
    public int awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /**
     * SIGKILL: a power cut, as far as the process can tell. Returns once it is gone, so the next
     * controller can take the data directory's lock; fails rather than wait for ever.
     */
    public void kill() throws InterruptedException {
        if (!process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("controller pid " + process.pid() + " still alive "
                    + KILL_WAIT.toSeconds() + " s after SIGKILL");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
