package dev.posterm.simulator.reader;

import dev.posterm.simulator.Hex;
import dev.posterm.simulator.SimLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reader's EMV side: reacts to the controller's messages (already ACKed and de-duplicated by
 * the link) and to its own timers, following the card's {@link CardScript}.
 *
 * <pre>
 *  IDLE --S--> WAITING_CARD --(presented)--> C(80) --> WAITING_AUTH --A--> F or E 01 --> IDLE
 *                   |                       C(40)/C(00) --> IDLE
 *                   +--(script error / no card at timeout)--> E --> IDLE
 *  X anywhere: E 04, IDLE.   S when not IDLE, A when not WAITING_AUTH: E 08, nothing changes.
 * </pre>
 * Not thread-safe: the {@link ReaderSimulator} calls it under its lock.
 */
final class Kernel {
    /** A frame the reader wants to send (the link gives it a SEQ). */
    record Out(char type, byte[] body) {
    }

    private enum State { IDLE, WAITING_CARD, WAITING_AUTH }

    private final Supplier<CardScript> nextScript;
    private final SimLog log;
    private final CardAnswers answers = new CardAnswers();
    private State state = State.IDLE;
    private CardScript card;
    private long dueNanos;
    private int atc = 0x0010;
    private List<String> display = List.of("", "");
    private long transactions;

    Kernel(Supplier<CardScript> nextScript, SimLog log) {
        this.nextScript = nextScript;
        this.log = log;
    }

    List<Out> handle(CrlFrame frame, long nowNanos) {
        return switch (frame.type()) {
            case 'P' -> List.of(new Out('p', CardAnswers.pong(state != State.IDLE)));
            case 'S' -> start(frame.body(), nowNanos);
            case 'A' -> authorised(frame.body());
            case 'X' -> cancel();
            case 'D' -> display(frame.body());
            default -> {
                log.add("unknown message type " + frame.type() + ": E 08");
                yield List.of(error(0x08));
            }
        };
    }

    /** Timers: the card being presented, or the no-card timeout. */
    List<Out> tick(long nowNanos) {
        if (state != State.WAITING_CARD || nowNanos - dueNanos < 0) {
            return List.of();
        }
        if (card.errorCode != 0) {
            state = State.IDLE;
            log.add("card " + card + ": E " + String.format("%02X", card.errorCode));
            return List.of(error(card.errorCode));
        }
        return List.of(read());
    }

    boolean inTransaction() {
        return state != State.IDLE;
    }

    List<String> display() {
        return display;
    }

    long transactions() {
        return transactions;
    }

    /** The card leaves the slot now: E 01 when a transaction is running. */
    List<Out> removeCard() {
        if (state == State.IDLE) {
            return List.of();
        }
        state = State.IDLE;
        return List.of(error(0x01));
    }

    private List<Out> start(byte[] body, long nowNanos) {
        if (state != State.IDLE) {
            log.add("S during a transaction: E 08");
            return List.of(error(0x08));
        }
        Map<String, byte[]> tags;
        try {
            tags = Tlv.parse(body);
        } catch (IllegalArgumentException e) {
            log.add("S with bad TLV (" + e.getMessage() + "): E 08");
            return List.of(error(0x08));
        }
        if (!tags.containsKey("9F02") || tags.get("9F02").length != 6) {
            log.add("S without a 6-byte 9F02 amount: E 08");
            return List.of(error(0x08));
        }
        transactions++;
        card = nextScript.get();
        state = State.WAITING_CARD;
        dueNanos = nowNanos + delayOf(card, tags).toNanos();
        log.add("S amount=" + Hex.of(tags.get("9F02")) + " type=" + hexOr(tags.get("9C")) + ", card " + card);
        return tick(nowNanos);
    }

    private static Duration delayOf(CardScript card, Map<String, byte[]> tags) {
        if (card.errorCode == 0) {
            return card.presentedAfter;
        }
        if (card.errorAfter != null) {
            return card.errorAfter;
        }
        byte[] timeout = tags.get("DF10");
        return Duration.ofSeconds(timeout == null || timeout.length != 1 ? 30 : timeout[0] & 0xFF);
    }

    private Out read() {
        atc++;
        byte[] body = answers.cardRead(card, atc);
        state = card.firstCid == 0x80 ? State.WAITING_AUTH : State.IDLE;
        log.add("C cid=" + String.format("%02X", card.firstCid) + " entry=" + card.entryMode + " pan=" + card.maskedPan());
        return new Out('C', body);
    }

    private List<Out> authorised(byte[] body) {
        if (state != State.WAITING_AUTH) {
            log.add("A with no transaction waiting: E 08");
            return List.of(error(0x08));
        }
        Map<String, byte[]> tags;
        try {
            tags = Tlv.parse(body);
        } catch (IllegalArgumentException e) {
            log.add("A with bad TLV (" + e.getMessage() + "): E 08");
            return List.of(error(0x08));
        }
        int outcome = tags.containsKey("DF20") && tags.get("DF20").length == 1 ? tags.get("DF20")[0] : 0;
        byte[] rc = tags.get("8A");
        state = State.IDLE;
        log.add("A DF20=" + String.format("%02X", outcome) + " 8A=" + (rc == null ? "-" : new String(rc, StandardCharsets.US_ASCII)));
        if (card.finalAnswer == CardScript.Final.CARD_REMOVED) {
            log.add("card removed before F: E 01");
            return List.of(error(0x01));
        }
        boolean approve = card.finalAnswer == CardScript.Final.FOLLOW_HOST && (outcome == 0x01 || outcome == 0x03);
        int cid = approve ? 0x40 : 0x00;
        log.add("F cid=" + String.format("%02X", cid));
        return List.of(new Out('F', answers.finalAnswer(cid, rc)));
    }

    private List<Out> cancel() {
        state = State.IDLE;
        log.add("X: E 04");
        return List.of(error(0x04));
    }

    private List<Out> display(byte[] body) {
        try {
            Map<String, byte[]> tags = Tlv.parse(body);
            display = List.of(utf8(tags.get("DF30")), utf8(tags.get("DF31")));
            log.add("D \"" + display.get(0) + "\" / \"" + display.get(1) + "\"");
        } catch (IllegalArgumentException e) {
            log.add("D with bad TLV ignored: " + e.getMessage());
        }
        return List.of();
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String hexOr(byte[] bytes) {
        return bytes == null ? "-" : Hex.of(bytes);
    }

    private static Out error(int code) {
        return new Out('E', CardAnswers.error(code));
    }
}
