package dev.posterm.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.config.bundle.Bundle;
import dev.posterm.config.bundle.BundleFiles;
import dev.posterm.config.bundle.BundleOutcome;
import dev.posterm.core.bundle.BundleDesk;
import dev.posterm.core.bundle.ConfigLedger;
import dev.posterm.core.bundle.Intake;
import dev.posterm.core.bundle.Source;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.ConfigTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.wiring.DataDirLock;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code posterm config import PATH --config FILE}: applies a signed bundle. Exit 0 only when it
 * was applied; 1 when refused or rolled back; 2 when the running config cannot be read.
 *
 * <p>Who applies it depends on whether the controller runs, which the data.dir lock tells:
 * <ul>
 *   <li>running (the lock is held): the bundle goes to its local API (back-office token from the
 *       config), so the live rules hold (payments in progress finish first, the check, the
 *       rollback); this command then follows the journal (read-only) to the final outcome;</li>
 *   <li>stopped (this command takes the lock): the bundle is checked and written here and journaled;
 *       the controller checks it when it next starts and rolls it back by itself if it does not
 *       work. "Applied" then means written, to be confirmed at the next start.</li>
 * </ul>
 */
@Command(name = "import", description = "Apply a signed bundle from a stick, a posterm/ folder or a terminal.toml"
        + " beside its .sig. Exit 0 only when applied.")
final class ConfigImportCommand implements Callable<Integer> {
    /** Room for the payments in progress to end (ConfigApply.PAYMENT_WAIT) and the check. */
    private static final Duration FOLLOW_MARGIN = Duration.ofMinutes(11);

    @Parameters(paramLabel = "PATH", description = "a stick's mount point, a posterm/ folder, or a terminal.toml"
            + " beside its .sig")
    Path path;

    @Option(names = "--config", required = true, description = "the terminal's running TOML configuration file")
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
            spec.commandLine().getErr().println("posterm: the running configuration cannot be read.\n" + e.getMessage());
            return ConfigCommand.UNUSABLE_INPUT;
        }
        Source source = Files.isDirectory(path) ? Source.STICK : Source.CLI;
        Bundle bundle = switch (BundleFiles.read(path)) {
            case BundleFiles.Found f -> f.bundle();
            // Both files are needed to know anything; the history records the attempt with no version.
            case BundleFiles.Unreadable u -> null;
        };
        DataDirLock lock;
        try {
            lock = DataDirLock.acquire(cfg.data().dir());
        } catch (DataDirLock.DataDirUnavailable running) {
            if (bundle == null) {
                return unreadable(out, path);
            }
            return throughController(out, cfg, bundle, source);
        }
        try (lock; Journal journal = Journal.open(cfg.data().dir())) {
            ConfigLedger ledger = new ConfigLedger(journal, Clock.systemUTC());
            if (bundle == null) {
                String why = ((BundleFiles.Unreadable) BundleFiles.read(path)).reason();
                ledger.refused(OptionalLong.empty(), source, path.toString(), "BUNDLE_UNREADABLE", why);
                return unreadable(out, path);
            }
            return intoFile(out, cfg, ledger, bundle, source);
        }
    }

    private int intoFile(PrintWriter out, PostermConfig cfg, ConfigLedger ledger, Bundle bundle, Source source)
            throws Exception {
        BundleDesk desk = new BundleDesk(config, ledger, () -> cfg, new BundleDesk.Taker() {
            @Override
            public void take(BundleOutcome.Accepted accepted, byte[] previousFile) {
                ledger.atNextStart();
            }

            @Override
            public void refused(long runningVersion, BundleOutcome.Refused refusal, Source s) {
            }
        });
        Intake intake;
        try {
            intake = desk.submit(bundle, source);
        } catch (Refused r) {
            out.println(r.code() + ": " + r.detail());
            return ConfigCommand.REFUSED;
        }
        return switch (intake) {
            case Intake.Taken t -> {
                out.println("APPLIED: version " + t.version() + " written to " + config + " (the previous file kept as "
                        + config + ".previous). The controller is not running: it checks this configuration when it"
                        + " starts and goes back to the previous one by itself if its devices or host do not answer"
                        + " within config.rollback_seconds.");
                yield 0;
            }
            case Intake.Refused r -> refused(out, r.refusal().code().name(), r.refusal().message());
        };
    }

    private int throughController(PrintWriter out, PostermConfig cfg, Bundle bundle, Source source) throws Exception {
        String host = cfg.api().listenHost().equals("0.0.0.0") ? "127.0.0.1" : cfg.api().listenHost();
        if (cfg.api().tlsCertificate().isPresent()) {
            out.println("posterm: the controller is running with an HTTPS API; send the bundle with"
                    + " POST /api/v1/config/bundle (docs/api.md), or stop the controller and import again");
            return ConfigCommand.UNUSABLE_INPUT;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("toml", new String(bundle.toml(), StandardCharsets.UTF_8));
        body.put("signature", bundle.signature());
        JsonMapper json = JsonMapper.builder().build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + host + ":" + cfg.api().listenPort() + "/api/v1/config/bundle"))
                .header("Authorization", "Bearer " + cfg.api().backofficeToken())
                .header("Content-Type", "application/json")
                .header("X-Bundle-Source", source.name())
                .header("X-Bundle-Origin", bundle.source())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = json.readTree(r.body());
        if (r.statusCode() != 200) {
            String problems = answer.path("problems").isArray() ? "\n" + answer.path("problems").toString() : "";
            return refused(out, answer.path("errorCode").asText("HTTP_" + r.statusCode()),
                    answer.path("detail").asText(r.body()) + problems);
        }
        long version = answer.path("version").asLong();
        out.println("taken by the running controller: version " + version + "; it applies once no payment is in"
                + " progress, then checks its devices and host");
        return follow(out, cfg, version);
    }

    /** The journal (read-only, beside the controller) until the version is confirmed or rolled back. */
    private int follow(PrintWriter out, PostermConfig cfg, long version) throws Exception {
        long end = System.nanoTime() + cfg.rollback().within().plus(FOLLOW_MARGIN).toNanos();
        try (Journal journal = Journal.openReadOnly(cfg.data().dir())) {
            while (System.nanoTime() < end) {
                for (ConfigTable.Attempt a : journal.read(c -> ConfigTable.history(c, 20))) {
                    if (a.version().equals(OptionalLong.of(version)) && ConfigLedger.APPLIED.equals(a.outcome())) {
                        out.println("APPLIED: version " + version + ": " + a.reason());
                        return 0;
                    }
                    if (a.version().equals(OptionalLong.of(version)) && ConfigLedger.ROLLED_BACK.equals(a.outcome())) {
                        return refused(out, ConfigLedger.BUNDLE_ROLLED_BACK, a.reason());
                    }
                }
                Thread.sleep(500);   // looking again, bounded by end
            }
        }
        out.println("no outcome yet for version " + version + ": see GET /api/v1/config/history");
        return ConfigCommand.REFUSED;
    }

    private int unreadable(PrintWriter out, Path where) {
        String why = ((BundleFiles.Unreadable) BundleFiles.read(where)).reason();
        return refused(out, "BUNDLE_UNREADABLE", why);
    }

    private static int refused(PrintWriter out, String code, String detail) {
        out.println(code + ": " + detail);
        try {
            ErrorCode known = ErrorCode.valueOf(code);
            out.println("  " + known.english());
            out.println("  " + known.chinese());
        } catch (IllegalArgumentException e) {
            // an HTTP status without a catalogue code: the detail says it all
        }
        out.println("NOT APPLIED: " + code);
        return ConfigCommand.REFUSED;
    }
}
