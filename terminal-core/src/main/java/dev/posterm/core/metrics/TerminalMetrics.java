package dev.posterm.core.metrics;

import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.status.TerminalStatus;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The terminal's metrics for {@code GET /metrics}, in the Prometheus text exposition format 0.0.4
 * (the only class that writes it; the Prometheus Java client is imported by this package alone).
 *
 * <p>Counters and histograms are fed as things happen ({@link #on}, {@link #hostReply}); gauges
 * are read at scrape time from one {@link TerminalStatus} and the journal's files, so a scrape
 * costs what {@code GET /status} costs and nothing runs between scrapes. Each terminal has its own
 * registry (not the client's default one), so two controllers in one test JVM do not mix.
 */
public final class TerminalMetrics {
    /** {@code text/plain; version=0.0.4; charset=utf-8}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Supplier<TerminalStatus> status;
    private final PaymentMetrics payments;
    private final StatusGauges gauges;
    private boolean jvmMetrics;

    /**
     * @param status   what {@code GET /status} shows, read once per scrape
     * @param dataDir  {@code data.dir}: the journal's files there are measured
     * @param version  the controller's release, for {@code posterm_build_info}
     */
    public TerminalMetrics(Supplier<TerminalStatus> status, Path dataDir, String version, Clock clock) {
        this.status = status;
        this.payments = new PaymentMetrics(registry);
        this.gauges = new StatusGauges(registry, clock);
        Info.builder().name("posterm_build_info").help("The controller's release").labelNames("version")
                .register(registry).setLabelValues(version);
        GaugeWithCallback.builder().name("posterm_journal_size_bytes").unit(Unit.BYTES)
                .help("The journal's files on disk (journal.db and its write-ahead log)")
                .callback(cb -> cb.call(journalBytes(dataDir))).register(registry);
    }

    /**
     * {@code posterm_loop_overdue_seconds{loop}}: how long each background loop is past the bound of
     * its last heartbeat, 0 while it beats; above 0 names the hung loop (the watchdog then stops petting).
     */
    public void watchLoops(Supplier<java.util.Map<String, java.time.Duration>> lateness) {
        GaugeWithCallback.builder().name("posterm_loop_overdue_seconds").unit(Unit.SECONDS).labelNames("loop")
                .help("How long each background loop is past the bound of its last heartbeat (0: it beats)")
                .callback(cb -> lateness.get().forEach((loop, late) -> cb.call(late.toMillis() / 1000.0, loop)))
                .register(registry);
    }

    /** An event of the terminal (subscribe this to the event hub). */
    public void on(TerminalEvent event) {
        payments.on(event);
    }

    /** The reply a card sale's 0200 got. */
    public void hostReply(HostReply reply) {
        payments.hostReply(reply);
    }

    /** One scrape, in the text format. Scrapes take turns: each reads its own status. */
    public synchronized byte[] scrape() {
        if (!jvmMetrics) {
            // At the first scrape, not at start: the JVM's metrics bring the platform MBean server (JMX,
            // diagnostic commands, JFR's), a few hundred classes the way to READY=1 need not load.
            JvmMetrics.builder().register(registry);
            jvmMetrics = true;
        }
        gauges.take(status.get());
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static double journalBytes(Path dataDir) {
        long bytes = 0;
        for (String name : List.of("journal.db", "journal.db-wal")) {
            try {
                bytes += Files.size(dataDir.resolve(name));
            } catch (IOException e) {
                // no WAL file between checkpoints: nothing to add
            }
        }
        return bytes;
    }
}
