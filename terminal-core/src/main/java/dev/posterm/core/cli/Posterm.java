package dev.posterm.core.cli;

import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.core.wiring.ConfigApply;
import dev.posterm.core.wiring.DataDirLock;
import dev.posterm.core.wiring.Release;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code posterm} command. */
@Command(name = "posterm", mixinStandardHelpOptions = true, versionProvider = Posterm.Version.class,
        description = "Payment controller of a counter terminal.",
        subcommands = {Posterm.Run.class, Posterm.CheckConfig.class, SafCommand.class, ConfigCommand.class,
                SettlementsCommand.class, BatchCommand.class, ReportCommand.class,
                ProvisionCommand.class, DiagnosticsCommand.class})
public final class Posterm implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Posterm()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code posterm run --config FILE}: the controller in the foreground until SIGTERM. */
    @Command(name = "run", description = "Run the controller in the foreground until SIGTERM or Ctrl-C.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "the TOML configuration file")
        Path config;

        @Override
        public Integer call() throws Exception {
            PostermConfig cfg;
            try {
                cfg = ConfigLoader.load(config);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            DataDirLock lock;
            try {
                // Before the log files too: a second instance would roll the first one's log.
                lock = DataDirLock.acquire(cfg.data().dir());
            } catch (DataDirLock.DataDirUnavailable e) {
                System.err.println("posterm: " + e.getMessage());
                return 1;
            }
            Logging.configure(cfg.data().dir(), cfg.log().level(), true);
            CountDownLatch stopped = new CountDownLatch(1);
            ConfigApply controller;
            try {
                controller = ConfigApply.start(config, cfg, lock);
            } catch (Exception e) {
                // One line for the person at the console (systemd's journal); the trace for support.
                Logger.tag(Logging.FILE_ONLY).error(e, "posterm cannot start");
                System.err.println("posterm: cannot start: " + oneLine(e) + " (details in "
                        + Logging.latestFile(cfg.data().dir()) + ")");
                Logging.flush();
                return 1;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                controller.close();
                stopped.countDown();
                Logging.flush();
            }, "shutdown"));
            stopped.await();
            return 0;
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code posterm check-config --config FILE}: every problem, or OK. */
    @Command(name = "check-config", description = "Check a configuration file and list every problem in it.")
    static final class CheckConfig implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "the TOML configuration file")
        Path config;

        @Override
        public Integer call() {
            try {
                PostermConfig cfg = ConfigLoader.load(config);
                System.out.println(config + ": OK (terminal " + cfg.terminal().id() + ", host "
                        + cfg.host().host() + ":" + cfg.host().port() + ")");
                cfg.api().warnings().forEach(w -> System.out.println("  warning: " + w));
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"posterm " + Release.version()};
        }
    }
}
