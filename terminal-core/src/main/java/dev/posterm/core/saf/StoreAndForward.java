package dev.posterm.core.saf;

import dev.posterm.config.PostermConfig;
import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.engine.OwedAdvices;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.heartbeat.Heartbeat;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.journal.AdviceRow;
import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.vault.CardVault;
import dev.posterm.core.vault.SealedFor;
import dev.posterm.core.vault.StoredCard;
import dev.posterm.core.vault.VaultException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;

/**
 * Sends the offline approvals the journal holds to the host, exactly once each as far as the host
 * can tell: owed reversals first, then the advices in the order the sales happened, with up to
 * {@code window} outstanding at once.
 *
 * <pre>
 *   batch of due advices ──journal: attempts+1, field 7 stamped (one commit)──>
 *   0220 / 0221 in order, window W in flight ──> answers ──journal: SETTLED / DECLINED,
 *   sealed card data deleted (one commit per batch)──>
 * </pre>
 *
 * Every send is journaled before it leaves, so a crash at any point leaves an advice that goes again
 * as 0221 with the same STAN and field 7 (the host answers a repeat without acting twice). A lost
 * answer is retried with exponential backoff and jitter. Durable writes are grouped: one commit to
 * stamp a batch, one to record its answers.
 *
 * <p>An advice that no retry can send (its card data does not open under this key for this row, or
 * it cannot be encoded) is set aside as UNREADABLE in its own commit, with ADVICE_UNREADABLE, and
 * the next one takes its place: one bad advice never stops the queue. {@link #checkDataKey} at
 * start marks LOST what a new data key cannot open, and puts back what the key in place opens again.
 */
public final class StoreAndForward implements OwedAdvices {
    private static final int BATCH = 256;
    /** Set aside: its card data does not open, or it cannot be encoded. */
    static final String UNREADABLE = "UNREADABLE";
    /** Set aside: a new card data key was made at start while it waited. */
    static final String LOST = "LOST";

    private final Journal journal;
    private final EventHub events;
    private final Duration maxAge;
    private final HostLink host;
    private final HostMessages messages;
    private final CardVault vault;
    private final ReversalQueue reversals;
    private final Alerts alerts;
    private final Clock clock;
    private final Duration timeout;
    private final PostermConfig.Saf settings;
    private final Random jitter = new Random();
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Heartbeat heartbeat = Heartbeat.unwatched();

    public StoreAndForward(Journal journal, HostLink host, HostMessages messages, CardVault vault,
                           ReversalQueue reversals, Alerts alerts, EventHub events, Clock clock, Duration timeout,
                           PostermConfig.Saf settings, Duration maxAge) {
        this.journal = journal;
        this.host = host;
        this.messages = messages;
        this.vault = vault;
        this.reversals = reversals;
        this.alerts = alerts;
        this.events = events;
        this.maxAge = maxAge;
        this.clock = clock;
        this.timeout = timeout;
        this.settings = settings;
    }

    /**
     * The advices waiting for the host, as status shows them.
     *
     * @param expiresAt when the oldest reaches offline.max_age_hours
     */
    public record Queue(int count, long amount, java.util.Optional<Instant> oldest,
                        java.util.Optional<Instant> expiresAt) {
    }

    /** The queue as status shows it: count, amount, oldest, and when the oldest expires. */
    public Queue view(Duration maxAge) {
        AdviceTable.Held q = journal.read(AdviceTable::queue);
        return new Queue(q.count(), q.amount(), q.oldest(), q.oldest().map(o -> o.plus(maxAge)));
    }

    /** Every advice, oldest first, masked: for GET /saf and `posterm saf`. */
    @Override
    public List<AdviceRow> items() {
        return journal.read(AdviceTable::all).stream()
                .map(a -> new AdviceRow(a.id(), a.stan(), a.paymentId(), a.amount(), a.localTime(), a.entryMode(),
                        a.cardHash(), a.maskedPan(), java.util.Optional.empty(), a.authCode(), a.transmittedAt(),
                        a.attempts(), a.state(), a.responseCode(), a.createdAt(), a.nextAttemptAt(), a.setAsideReason()))
                .toList();
    }

    /** Raises SAF_EXPIRING while the oldest advice is within {@code warning} of {@code maxAge}, clears it after. */
    public void watchExpiry(Duration maxAge, Duration warning) {
        java.util.Optional<Instant> oldest = journal.read(AdviceTable::queue).oldest();
        if (oldest.isPresent() && clock.instant().isAfter(oldest.get().plus(maxAge).minus(warning))) {
            alerts.raise(Alerts.Kind.SAF_EXPIRING, "the oldest offline sale expires at " + oldest.get().plus(maxAge));
            publishQueue();   // the countdown, once a minute
        } else {
            alerts.clear(Alerts.Kind.SAF_EXPIRING);
        }
    }

    private void publishQueue() {
        var q = view(maxAge);
        events.publish(new TerminalEvent.QueueChanged(clock.instant(), q.count(), q.amount(), q.oldest(), q.expiresAt()));
    }

    /** Asks the loop to forward now (the link came back, or the back office asked). */
    @Override
    public void nudge() {
        wakeUp.release();
    }

    /**
     * Forwards what is due now.
     *
     * @return true when nothing is left that could be sent now (all answered, or waiting for a retry time)
     */
    public boolean forwardNow() throws InterruptedException {
        return forward(Integer.MAX_VALUE);
    }

    /** As {@link #forwardNow()}, stopping after {@code max} advices (the benchmark measures samples). */
    public synchronized boolean forward(int max) throws InterruptedException {
        if (!reversals.deliverAll()) {
            return false;
        }
        int left = max;
        while (left > 0) {
            int limit = Math.min(BATCH, left);
            List<AdviceRow> due = journal.read(c -> AdviceTable.due(c, clock.instant(), limit));
            if (due.isEmpty()) {
                return true;
            }
            if (!send(due)) {
                return false;
            }
            left -= due.size();
        }
        return true;
    }

    /** One batch: stamp, send with the window, record. @return false if some got no answer. */
    private boolean send(List<AdviceRow> batch) throws InterruptedException {
        String f7 = HostMessages.transmissionTime(clock.instant());
        journal.inTransaction(c -> {
            for (AdviceRow a : batch) {
                AdviceTable.attempt(c, a.id(), a.transmittedAt().orElse(f7));
            }
            return null;
        });
        // Written from this one thread, so they leave in sale order. The window is anchored at the
        // oldest advice still awaiting its answer: advice i leaves only once advice i - window has
        // its answer, so when one answer is lost at most window - 1 later sales are on the wire
        // before it, and the round stops there. One that cannot be made into a message is set aside
        // and the next takes its place: a bad advice never holds up the good ones behind it.
        int window = settings.window();
        List<AdviceRow> sent = new ArrayList<>(batch.size());
        List<Future<HostReply>> replies = new ArrayList<>(batch.size());
        java.util.Set<Long> setAside = new java.util.HashSet<>();
        AtomicBoolean linkWent = new AtomicBoolean();
        for (AdviceRow a : batch) {
            int n = replies.size();
            if (n >= window && !answered(replies.get(n - window)) || linkWent.get()) {
                break;   // the rest stays pending, unsent, for the next round
            }
            CompletableFuture<HostReply> reply;
            heartbeat.waiting(timeout);   // the window's wait for an earlier answer is bounded by its timeout
            try {
                reply = host.send(advice(a, f7), timeout);
            } catch (Unsendable e) {
                setAside(a, e.getMessage());
                setAside.add(a.id());
                continue;
            } catch (IllegalArgumentException e) {
                // The codec refused it before a byte left (a field too long for its format, say).
                setAside(a, "cannot be encoded: " + e.getMessage());
                setAside.add(a.id());
                continue;
            }
            reply.thenAccept(r -> {
                if (!(r instanceof HostReply.Answered)) {
                    linkWent.set(true);
                }
            });
            sent.add(a);
            replies.add(reply);
        }
        java.util.Set<Long> left = new java.util.HashSet<>(setAside);
        sent.forEach(a -> left.add(a.id()));
        List<AdviceRow> unsent = batch.stream().filter(a -> !left.contains(a.id())).toList();
        return record(sent, replies, unsent);
    }

    /** The 0220/0221 of {@code a}, its card data opened from the vault. */
    private dev.posterm.core.hostlink.IsoMessage advice(AdviceRow a, String f7) throws Unsendable {
        byte[] sealed = a.sealedCard().orElseThrow(() -> new Unsendable("its sealed card data is missing"));
        StoredCard card;
        try {
            card = vault.open(sealed, new SealedFor(a.paymentId(), a.amount(), a.stan(), a.authCode()));
        } catch (VaultException e) {
            throw new Unsendable(e.getMessage());   // names the payment and why, never the bytes
        }
        try {
            return messages.advice(a.attempts() > 0, a.stan(), a.transmittedAt().orElse(f7), card, a.amount(),
                    a.localTime(), a.authCode(), a.entryMode());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new Unsendable("cannot be made into an advice: " + e.getClass().getSimpleName());
        }
    }

    /** An advice that no retry can send: its card data does not open, or its row is malformed. */
    private static final class Unsendable extends Exception {
        Unsendable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Takes {@code a} out of the queue as UNREADABLE (committed before the next advice leaves), and
     * raises or restates ADVICE_UNREADABLE with how many and how much are set aside in all.
     */
    private void setAside(AdviceRow a, String reason) {
        List<AdviceRow> all = journal.inTransaction(c -> {
            AdviceTable.notSent(c, a.id(), a.transmittedAt());   // stamped for this round, never left
            AdviceTable.setAside(c, a.id(), UNREADABLE, reason);
            return AdviceTable.inState(c, UNREADABLE);
        });
        Logger.error("store-and-forward: offline sale STAN {} of {} set aside as {}: {}", String.format("%06d", a.stan()),
                a.amount(), UNREADABLE, reason);
        alerts.raiseOrRestate(Alerts.Kind.ADVICE_UNREADABLE, total(all) + " set aside as " + UNREADABLE
                + ", the last STAN " + String.format("%06d", a.stan()) + " (" + reason + ")");
        publishQueue();
    }

    /** "2 offline sales, 3500 in minor units" */
    private static String total(List<AdviceRow> advices) {
        return advices.size() + " offline sale" + (advices.size() == 1 ? "" : "s") + ", "
                + advices.stream().mapToLong(AdviceRow::amount).sum() + " in minor units";
    }

    /**
     * At start, after recovery and before the first round. A card data key made by this start
     * cannot open what was sealed before it: every PENDING advice becomes LOST, with an alert and a
     * log line naming how many and how much, never silently. Otherwise the key is the one we had
     * (or was restored from backup): a set-aside advice whose card data opens again goes back into
     * the queue, in its place by sale time.
     */
    public void checkDataKey() {
        if (vault.createdDataKey()) {
            loseWaiting("a new card data key was created at start; the card data sealed under the old one cannot be"
                    + " opened", "a new card data key was created at start (keys/card-data.key was missing). Restore"
                    + " the old key file and restart, or settle them with the bank by hand", lost -> tx -> { });
            return;
        }
        List<AdviceRow> back = new ArrayList<>();
        for (String state : List.of(UNREADABLE, LOST)) {
            for (AdviceRow a : journal.read(c -> AdviceTable.inState(c, state))) {
                if (opens(a)) {
                    journal.inTransaction(c -> {
                        AdviceTable.putBack(c, a.id());
                        return null;
                    });
                    back.add(a);
                }
            }
        }
        if (!back.isEmpty()) {
            Logger.info("store-and-forward: {} opens again under the card data key and is back in the queue",
                    total(back));
        }
    }

    /**
     * Every PENDING advice set aside as LOST with {@code reason}, in one commit with what
     * {@code also} adds given them (a tamper event naming their count and amount); then said aloud,
     * never silently: an ADVICE_LOST alert and a log line with how many, how much and {@code why}.
     *
     * @return the advices lost, empty when none waited
     */
    public List<AdviceRow> loseWaiting(String reason, String why,
                                       java.util.function.Function<List<AdviceRow>, Journal.Also> also) {
        List<AdviceRow> lost = journal.inTransaction(c -> {
            List<AdviceRow> pending = AdviceTable.pending(c);
            for (AdviceRow a : pending) {
                AdviceTable.setAside(c, a.id(), LOST, reason);
            }
            also.apply(pending).run(c);
            return pending;
        });
        if (!lost.isEmpty()) {
            String detail = total(lost) + " waiting for the bank are LOST: " + why;
            Logger.error("store-and-forward: {}", detail);
            alerts.raiseOrRestate(Alerts.Kind.ADVICE_LOST, detail);
            publishQueue();
        }
        return lost;
    }

    private boolean opens(AdviceRow a) {
        try {
            vault.open(a.sealedCard().orElseThrow(() -> new VaultException("no sealed card data")),
                    new SealedFor(a.paymentId(), a.amount(), a.stan(), a.authCode()));
            return true;
        } catch (VaultException e) {
            return false;
        }
    }

    /** Waits for the reply; true when the host answered. */
    private static boolean answered(Future<HostReply> reply) throws InterruptedException {
        try {
            return reply.get() instanceof HostReply.Answered;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    private boolean record(List<AdviceRow> sent, List<Future<HostReply>> replies, List<AdviceRow> unsent)
            throws InterruptedException {
        List<HostReply> answers = new ArrayList<>(replies.size());
        for (Future<HostReply> f : replies) {
            try {
                answers.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                answers.add(new HostReply.Unreachable(String.valueOf(e.getCause())));
            }
        }
        Instant now = clock.instant();
        List<AdviceRow> declined = new ArrayList<>();
        boolean allAnswered = journal.inTransaction(c -> {
            boolean all = unsent.isEmpty();
            for (int i = 0; i < sent.size(); i++) {
                AdviceRow a = sent.get(i);
                if (answers.get(i) instanceof HostReply.Answered ans) {
                    String rc = ans.response().field(39).orElse("96");
                    AdviceTable.answered(c, a.id(), rc, now);
                    if ("00".equals(rc)) {
                        // A void or refund of this sale names it by the RRN the host gave it.
                        Optional<String> rrn = ans.response().field(37).map(String::strip).filter(r -> !r.isEmpty());
                        if (rrn.isPresent()) {
                            dev.posterm.core.journal.ReturnTable.keepAdvisedRrn(c, a.paymentId(), rrn.get());
                        }
                    }
                    if (!"00".equals(rc)) {
                        declined.add(a);
                    }
                } else {
                    all = false;
                    if (answers.get(i) instanceof HostReply.Unreachable) {
                        AdviceTable.notSent(c, a.id(), a.transmittedAt());   // never left: still a 0220
                    }
                    AdviceTable.retryAt(c, a.id(), now.plus(backoff(a.attempts() + 1)));
                }
            }
            for (AdviceRow a : unsent) {
                AdviceTable.notSent(c, a.id(), a.transmittedAt());
                AdviceTable.retryAt(c, a.id(), now.plus(backoff(a.attempts() + 1)));
            }
            return all;
        });
        if (!answers.isEmpty()) {
            publishQueue();
        }
        declined.forEach(a -> alerts.raise(Alerts.Kind.ADVICE_DECLINED, "offline sale STAN " + a.stan()
                + " of " + a.amount() + " declined after forwarding"));
        Logger.info("store-and-forward: {} advices sent, {} answered", answers.size(),
                answers.stream().filter(r -> r instanceof HostReply.Answered).count());
        return allAnswered;
    }

    /** repeat_first doubling per attempt up to repeat_max, with up to 20 % jitter so terminals spread out. */
    Duration backoff(int attempt) {
        long first = settings.repeatFirst().toMillis();
        long max = settings.repeatMax().toMillis();
        long base = Math.min(max, first << Math.min(attempt - 1, 20));
        return Duration.ofMillis(base - (long) (base * 0.2 * jitter.nextDouble()));
    }

    /** Forwards when the host is connected, on a nudge or every 5 s, until interrupted. */
    public void runForever() {
        runForever(Heartbeat.unwatched());
    }

    /** As {@link #runForever()}, beating {@code beat} at each turn, before each advice leaves and before each wait. */
    public void runForever(Heartbeat beat) {
        heartbeat = beat;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                beat.beat();
                if (host.health().connected()) {
                    forwardNow();
                }
                beat.waiting(Duration.ofSeconds(5));
                if (wakeUp.tryAcquire(5, TimeUnit.SECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Logger.error(e, "store-and-forward loop");
                beat.waiting(Duration.ofSeconds(5));
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
