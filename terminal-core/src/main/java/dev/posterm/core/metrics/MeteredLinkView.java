package dev.posterm.core.metrics;

import dev.posterm.core.engine.LinkView;
import dev.posterm.core.hostlink.HostReply;
import java.time.Instant;
import java.util.Optional;

/** The engine's {@link LinkView} with each 0200's reply also timed for {@code posterm_host_round_trip_seconds}. */
public final class MeteredLinkView implements LinkView {
    private final LinkView link;
    private final TerminalMetrics metrics;

    public MeteredLinkView(LinkView link, TerminalMetrics metrics) {
        this.link = link;
        this.metrics = metrics;
    }

    @Override
    public boolean knownDown() {
        return link.knownDown();
    }

    @Override
    public Optional<Instant> outageSince() {
        return link.outageSince();
    }

    @Override
    public void report(HostReply reply) {
        link.report(reply);
        metrics.hostReply(reply);
    }
}
