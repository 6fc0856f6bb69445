package dev.posterm.core.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tinylog.configuration.Configuration;

/**
 * Sets tinylog up before the first log line: the console (what systemd's journal or the demo
 * shows) and a rolling file under {@code data.dir/logs}, 10 MB a file, 10 files kept. Nothing
 * here ever formats card data: no class logs it, and the masked types print masked.
 */
final class Logging {
    /** The tag of entries that go to the log file only, such as a failed start's stack trace. */
    static final String FILE_ONLY = "file-only";

    private Logging() {
    }

    static Path latestFile(Path dataDir) {
        return dataDir.resolve("logs").resolve("posterm.log");
    }

    static void configure(Path dataDir, String level, boolean console) {
        Map<String, String> c = new HashMap<>();
        String format = "{date:yyyy-MM-dd HH:mm:ss.SSS} {level|min-size=5} [{thread}] {class-name}: {message}";
        if (console) {
            c.put("writer1", "console");
            c.put("writer1.level", level);
            c.put("writer1.format", format);
            c.put("writer1.stream", "err");
            c.put("writer1.tag", "-");   // untagged only: FILE_ONLY entries (stack traces) stay off the console
        }
        c.put("writer2", "rolling file");
        c.put("writer2.level", level);
        c.put("writer2.format", format);
        c.put("writer2.file", dataDir.resolve("logs").resolve("posterm-{count}.log").toString());
        c.put("writer2.latest", latestFile(dataDir).toString());
        c.put("writer2.policies", "startup, size: 10mb");
        c.put("writer2.backups", "10");
        c.put("writer2.charset", "UTF-8");
        c.put("writingthread", "true");
        // Our shutdown hook flushes the log after the controller has stopped (see flush()): with
        // tinylog's own hook the two race and "posterm stopped" can be lost.
        c.put("autoshutdown", "false");
        Configuration.replace(c);
    }

    /** Writes out what is queued and stops the writing thread; the last thing before exit. */
    static void flush() {
        try {
            org.tinylog.provider.ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
