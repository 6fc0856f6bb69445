package dev.posterm.core.cli;

import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.core.journal.AdviceRow;
import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.Journal;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code posterm saf}: the store-and-forward queue on the terminal's own screen, for a technician
 * at the counter. Reads the journal read-only (the controller may be running); {@code --forward}
 * asks the running controller, through its API and the back-office token, to send now.
 */
@Command(name = "saf", description = "Show the offline sales waiting for the bank, or forward them now (--forward).")
final class SafCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--config", required = true, description = "the TOML configuration file")
    Path config;

    @Option(names = "--forward", description = "ask the running controller to forward now, and follow it until"
            + " every offline sale has the bank's answer (or nothing moves for --patience seconds)")
    boolean forward;

    @Option(names = "--patience", defaultValue = "30", description = "with --forward: give up following after this"
            + " many seconds without progress (default ${DEFAULT-VALUE}); the controller keeps trying on its own")
    int patienceSeconds;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        PostermConfig cfg;
        try {
            cfg = ConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (forward) {
            return forward(cfg);
        }
        try (Journal journal = Journal.openReadOnly(cfg.data().dir())) {
            print(cfg, journal.read(AdviceTable::all), Duration.ofHours(cfg.offline().maxAgeHours()));
        }
        return 0;
    }

    void print(PostermConfig cfg, List<AdviceRow> all, Duration maxAge) {
        ZoneId zone = ZoneId.systemDefault();
        int digits = cfg.terminal().currencyDigits();
        out.printf("Store-and-forward queue of terminal %s (%s)%n", cfg.terminal().id(), cfg.data().dir());
        out.printf("  %-6s  %-19s  %14s  %-19s  %-10s  %5s  %s%n", "STAN", "SOLD", "AMOUNT", "CARD", "STATE", "TRIES",
                "EXPIRES / HOST ANSWER / WHY SET ASIDE");
        long pendingAmount = 0;
        int pending = 0;
        long asideAmount = 0;
        int aside = 0;
        for (AdviceRow a : all) {
            boolean open = open(a);
            String tail = open ? WHEN.format(a.createdAt().plus(maxAge).atZone(zone))
                    : a.setAsideReason().or(a::responseCode).orElse("");
            out.printf("  %06d  %-19s  %14s  %-19s  %-10s  %5d  %s%n", a.stan(), WHEN.format(a.createdAt().atZone(zone)),
                    cfg.terminal().currency() + " " + decimal(a.amount(), digits), a.maskedPan(), a.state(),
                    a.attempts(), tail);
            if (open) {
                pending++;
                pendingAmount += a.amount();
            } else if (setAside(a)) {
                aside++;
                asideAmount += a.amount();
            }
        }
        out.printf("  %d waiting for the bank, %s %s in all%s%n", pending, cfg.terminal().currency(),
                decimal(pendingAmount, digits), all.stream().anyMatch(a -> "DECLINED".equals(a.state()))
                        ? "; DECLINED lines were refused by the bank after forwarding: the merchant bears them" : "");
        if (aside > 0) {
            out.printf("  %d set aside (UNREADABLE or LOST), %s %s in all: the bank has not been told of them;"
                    + " see docs/offline.md%n", aside, cfg.terminal().currency(), decimal(asideAmount, digits));
        }
    }

    /** Out of the queue for good: its card data does not open, it cannot be encoded, or its key was lost. */
    private static boolean setAside(AdviceRow a) {
        return "UNREADABLE".equals(a.state()) || "LOST".equals(a.state());
    }

    private int forward(PostermConfig cfg) throws Exception {
        URI uri = URI.create("http://" + cfg.api().listenHost() + ":" + cfg.api().listenPort() + "/api/v1/saf/forward");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + cfg.api().backofficeToken())
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            out.println("the controller refused (" + r.statusCode() + "): " + r.body());
            return 1;
        }
        out.println("forwarding: the controller is sending the offline sales to the bank");
        return follow(cfg);
    }

    /** Progress from the journal (read-only, beside the running controller) until done or stuck. */
    private int follow(PostermConfig cfg) throws Exception {
        try (Journal journal = Journal.openReadOnly(cfg.data().dir())) {
            int shown = -1;
            long lastMove = System.nanoTime();
            while (true) {
                List<AdviceRow> all = journal.read(AdviceTable::all);
                int waiting = (int) all.stream().filter(a -> "PENDING".equals(a.state())).count();
                long declined = all.stream().filter(a -> "DECLINED".equals(a.state())).count();
                if (waiting != shown) {
                    out.printf("  %d waiting for the bank%n", waiting);
                    shown = waiting;
                    lastMove = System.nanoTime();
                }
                if (waiting == 0) {
                    out.println("done: every offline sale has the bank's answer" + (declined == 0 ? ""
                            : "; " + declined + " DECLINED after forwarding (the merchant bears them): see posterm saf"));
                    return 0;
                }
                if (System.nanoTime() - lastMove > Duration.ofSeconds(patienceSeconds).toNanos()) {
                    out.printf("no progress for %d s: the bank is not answering. The controller keeps forwarding on"
                            + " its own; %d still waiting.%n", patienceSeconds, waiting);
                    return 1;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static boolean open(AdviceRow a) {
        return "PENDING".equals(a.state()) || "TENTATIVE".equals(a.state());
    }

    private static String decimal(long amount, int digits) {
        return new dev.posterm.core.payment.Money(amount, "").decimal(digits);
    }
}
