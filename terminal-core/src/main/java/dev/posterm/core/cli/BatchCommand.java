package dev.posterm.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code posterm batch close}: asks the running controller, through its API and the back-office
 * token, to close the batch, as {@code posterm saf --forward} does. Through the controller and not
 * the journal directly: one process owns the host link, the STAN counter and the data directory
 * (DataDirLock), and a close is a host exchange.
 */
@Command(name = "batch", description = "The batch: close it now (through the running controller).",
        subcommands = BatchCommand.Close.class)
final class BatchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "close", description = "Close the open batch with the bank now; exit 0 when closed, 1 when it"
            + " stays open (the reason is printed), 2 for a configuration or connection problem.")
    static final class Close implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "the TOML configuration file")
        Path config;

        @Option(names = "--force", description = "close even with the bank unreachable or offline sales waiting;"
                + " those sales move to the next batch")
        boolean force;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PostermConfig cfg;
            try {
                cfg = ConfigLoader.load(config);
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            URI uri = URI.create("http://" + cfg.api().listenHost() + ":" + cfg.api().listenPort()
                    + "/api/v1/batches/close");
            HttpResponse<String> r;
            try {
                r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + cfg.api().backofficeToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"force\": " + force + "}"))
                        .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("cannot reach the controller at " + uri + ": " + e.getMessage()
                        + " (is posterm running?)");
                return 2;
            }
            JsonNode body = r.body().isEmpty() ? null : new ObjectMapper().readTree(r.body());
            if (r.statusCode() != 200 || body == null) {
                out.println("the batch stays open (" + r.statusCode() + "): "
                        + (body == null ? r.body() : body.path("detail").asText()));
                return r.statusCode() == 409 ? 1 : 2;
            }
            out.printf("batch %s closed: %s; terminal totals %s, bank totals %s; %d carried over%n",
                    body.path("batchNumber").asText(), body.path("responseCode").isNull() ? "forced, without the bank"
                            : "bank " + body.path("responseCode").asText(), body.path("terminalTotals").asText(),
                    body.path("hostTotals").isNull() ? "none" : body.path("hostTotals").asText(),
                    body.path("carriedOver").asInt());
            body.path("files").forEach(f -> out.println("  " + cfg.data().dir().resolve("settlements")
                    .resolve(f.asText())));
            return 0;
        }
    }
}
