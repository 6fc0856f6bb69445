package dev.posterm.core.cli;

import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.core.diagnostics.DiagnosticsExport;
import dev.posterm.core.diagnostics.Versions;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.wiring.Release;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code posterm diagnostics export PATH --config FILE}: what a technician takes back (docs/field-guide.md). */
@Command(name = "diagnostics", description = "Diagnostics for a technician.",
        subcommands = DiagnosticsCommand.Export.class)
final class DiagnosticsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "export", description = "Write logs, status, versions, the config without its secrets, a journal"
            + " summary (no card data) and the settlement file names into a new folder under PATH (a stick's mount"
            + " point, say). The controller may be running.")
    static final class Export implements Callable<Integer> {
        private static final Duration ASK = Duration.ofSeconds(3);

        @Parameters(index = "0", paramLabel = "PATH", description = "the folder to write into (created if absent)")
        Path target;

        @Option(names = "--config", required = true, description = "the TOML configuration file")
        Path config;

        @Override
        public Integer call() throws IOException {
            PostermConfig cfg;
            try {
                cfg = ConfigLoader.load(config);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            Optional<String> status = runningStatus(cfg);
            try (Journal journal = Journal.openReadOnly(cfg.data().dir())) {
                Path written = DiagnosticsExport.write(target, new DiagnosticsExport.Sources(cfg.terminal().id(),
                        config, cfg.data().dir(), Versions.now(Release.version()), status, Instant.now()), journal);
                System.out.println("diagnostics of terminal " + cfg.terminal().id() + " written to " + written
                        + (status.isPresent() ? "" : " (the controller did not answer: status read from the journal)"));
                return 0;
            }
        }

        /** GET /api/v1/status of the running controller; empty when it does not answer (stopped, or TLS). */
        private static Optional<String> runningStatus(PostermConfig cfg) {
            if (cfg.api().tlsCertificate().isPresent()) {
                return Optional.empty();   // its certificate is for the register's name, not for loopback
            }
            String host = cfg.api().listenHost().contains(":") ? "[" + cfg.api().listenHost() + "]"
                    : cfg.api().listenHost();
            try {
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(ASK).build().send(
                        HttpRequest.newBuilder(URI.create("http://" + host + ":" + cfg.api().listenPort()
                                + "/api/v1/status")).header("Authorization", "Bearer " + cfg.api().backofficeToken())
                                .timeout(ASK).GET().build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
