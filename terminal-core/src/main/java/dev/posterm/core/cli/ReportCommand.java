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
 * {@code posterm report x --config FILE}: prints the X report (the open batch so far) on the receipt
 * printer, through the running controller's API ({@code POST /api/v1/reports/x}, back-office token):
 * the printer and the journal belong to the controller. Also shows the report's main figures.
 */
@Command(name = "report", description = "Shift reports on the receipt printer (through the running controller).",
        subcommands = ReportCommand.X.class)
final class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "x", description = "Print the X report of the open batch (nothing is closed or reset); exit 0"
            + " when printed, 1 when the printer could not, 2 for a configuration or connection problem.")
    static final class X implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "the TOML configuration file")
        Path config;

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
            URI uri = URI.create("http://" + cfg.api().listenHost() + ":" + cfg.api().listenPort() + "/api/v1/reports/x");
            HttpResponse<String> r;
            try {
                r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + cfg.api().backofficeToken())
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("cannot reach the controller at " + uri + ": " + e.getMessage()
                        + " (is posterm running?)");
                return 2;
            }
            JsonNode body = r.body().isEmpty() ? null : new ObjectMapper().readTree(r.body());
            if (r.statusCode() != 200 || body == null) {
                out.println("no X report (" + r.statusCode() + "): " + (body == null ? r.body() : body.path("detail").asText()));
                return 2;
            }
            JsonNode t = body.path("totals");
            out.printf("X report of batch %s (open since %s): %s%n", body.path("batchNumber").asText(),
                    body.path("openedAt").asText(), body.path("printed").asBoolean() ? "printed"
                            : "NOT printed (printer " + body.path("printer").asText() + ")");
            out.printf("  sales %d / %d, refunds %d / %d, voids %d / %d (count / amount in minor units of %s)%n",
                    t.path("sales").path("count").asLong(), t.path("sales").path("amount").asLong(),
                    t.path("refunds").path("count").asLong(), t.path("refunds").path("amount").asLong(),
                    t.path("voids").path("count").asLong(), t.path("voids").path("amount").asLong(),
                    cfg.terminal().currency());
            out.flush();
            return body.path("printed").asBoolean() ? 0 : 1;
        }
    }
}
