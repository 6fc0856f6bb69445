package dev.posterm.core.hostlink;

import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.drivers.reader.CardRead;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the requests of the host profile ({@code shared/specs/host-link.md}) from what the
 * engine knows. Field choices where the profile is silent are documented in docs/host-link.md.
 */
public final class HostMessages {
    private static final DateTimeFormatter F7 = DateTimeFormatter.ofPattern("MMddHHmmss");
    private static final DateTimeFormatter F12 = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter F13 = DateTimeFormatter.ofPattern("MMdd");
    private static final String PURCHASE = "000000";
    /** Field 3 of a refund. */
    public static final String REFUND = "200000";
    /** Field 3 of a void. */
    public static final String VOID = "020000";

    private final TerminalIdentity terminal;

    public HostMessages(TerminalIdentity terminal) {
        this.terminal = terminal;
    }

    /** Field 7: MMDDhhmmss in UTC. */
    public static String transmissionTime(Instant now) {
        return F7.format(now.atOffset(ZoneOffset.UTC));
    }

    /** 0200 for an online purchase. Field 2 only when the card gave no track 2 (field 35). */
    public IsoMessage purchase(long amount, int stan, String f7, LocalDateTime local, CardRead card,
                               String iccHex) {
        Map<Integer, String> f = new LinkedHashMap<>();
        if (card.track2().isPresent()) {
            f.put(35, card.track2().get().unsafeText());
        } else {
            card.pan().ifPresent(p -> f.put(2, p.unsafeDigits()));
        }
        f.put(3, PURCHASE);
        f.put(4, n12(amount));
        f.put(7, f7);
        f.put(11, stan6(stan));
        f.put(12, F12.format(local));
        f.put(13, F13.format(local));
        card.expiry().ifPresent(e -> f.put(14, e.unsafeYymm()));
        f.put(22, card.entryMode().posEntryMode());
        card.panSequence().ifPresent(s -> f.put(23, String.format("%03d", s)));
        f.put(25, "00");
        f.put(41, terminal.terminalId());
        f.put(42, terminal.merchantId());
        f.put(49, String.format("%03d", terminal.currencyNumeric()));
        if (!iccHex.isEmpty()) {
            f.put(55, iccHex);
        }
        return new IsoMessage("0200", f);
    }

    /**
     * 0400 (or 0401 for a repeat) reversing the 0200 with {@code stan}. The profile fixes 11 and
     * 90; we add what lets the host find the original without card data (3, 4, 12, 13, 22, 25,
     * 41, 42, 49, and 37 when known), since card data is not kept after the 0200 leaves.
     */
    public IsoMessage reversal(boolean repeat, int stan, String f7, String originalMti, String originalF7,
                               long amount, String localTime, String posEntryMode, java.util.Optional<String> rrn) {
        return reversal(repeat, PURCHASE, stan, f7, originalMti, originalF7, amount, localTime, posEntryMode, rrn);
    }

    /** As above for an original with processing code {@code processing} (a refund's or a void's 0200 is reversed with its own). */
    public IsoMessage reversal(boolean repeat, String processing, int stan, String f7, String originalMti,
                               String originalF7, long amount, String localTime, String posEntryMode,
                               java.util.Optional<String> rrn) {
        Map<Integer, String> f = new LinkedHashMap<>();
        f.put(3, processing);
        f.put(4, n12(amount));
        f.put(7, f7);
        f.put(11, stan6(stan));
        LocalDateTime local = LocalDateTime.parse(localTime);
        f.put(12, F12.format(local));
        f.put(13, F13.format(local));
        f.put(22, posEntryMode);
        f.put(25, "00");
        rrn.ifPresent(r -> f.put(37, r));
        f.put(41, terminal.terminalId());
        f.put(42, terminal.merchantId());
        f.put(49, String.format("%03d", terminal.currencyNumeric()));
        f.put(90, originalMti + stan6(stan) + originalF7 + "0".repeat(22));
        return new IsoMessage(repeat ? "0401" : "0400", f);
    }

    /**
     * 0200 for a void ({@link #VOID}, {@code amount} the sale's whole amount) or a refund
     * ({@link #REFUND}, the refunded amount) of the sale with RRN {@code saleRrn} (field 37). No card
     * data (2, 14, 35, 55): the host finds the card from its sale. Field 22 is the sale's entry mode,
     * which the profile requires of every 0200 and which is not card data.
     */
    public IsoMessage cardReturn(String processing, long amount, int stan, String f7, LocalDateTime local,
                                 String posEntryMode, String saleRrn) {
        Map<Integer, String> f = new LinkedHashMap<>();
        f.put(3, processing);
        f.put(4, n12(amount));
        f.put(7, f7);
        f.put(11, stan6(stan));
        f.put(12, F12.format(local));
        f.put(13, F13.format(local));
        f.put(22, posEntryMode);
        f.put(25, "00");
        f.put(37, saleRrn);
        f.put(41, terminal.terminalId());
        f.put(42, terminal.merchantId());
        f.put(49, String.format("%03d", terminal.currencyNumeric()));
        return new IsoMessage("0200", f);
    }

    /**
     * 0220 (or 0221 for a repeat) advising an offline approval: the sale's own STAN and local time,
     * the card data opened from the vault, the terminal's authorisation code in 38 and the offline
     * response code (Y1 approved offline by the card, Y3 approved offline after failing to go online) in 39.
     */
    public IsoMessage advice(boolean repeat, int stan, String f7, dev.posterm.core.vault.StoredCard card, long amount,
                             String localTime, String authCode, String entryMode) {
        Map<Integer, String> f = new LinkedHashMap<>();
        if (card.track2().isPresent()) {
            f.put(35, card.track2().get().unsafeText());
        } else {
            f.put(2, card.pan().unsafeDigits());
        }
        f.put(3, PURCHASE);
        f.put(4, n12(amount));
        f.put(7, f7);
        f.put(11, stan6(stan));
        LocalDateTime local = LocalDateTime.parse(localTime);
        f.put(12, F12.format(local));
        f.put(13, F13.format(local));
        card.expiry().ifPresent(e -> f.put(14, e.unsafeYymm()));
        f.put(22, dev.posterm.drivers.reader.EntryMode.valueOf(entryMode).posEntryMode());
        card.panSequence().ifPresent(s -> f.put(23, String.format("%03d", s)));
        f.put(25, "00");
        f.put(38, authCode);
        f.put(39, authCode.substring(0, 2));
        f.put(41, terminal.terminalId());
        f.put(42, terminal.merchantId());
        f.put(49, String.format("%03d", terminal.currencyNumeric()));
        if (!card.iccHex().isEmpty()) {
            f.put(55, card.iccHex());
        }
        return new IsoMessage(repeat ? "0221" : "0220", f);
    }

    /** 0800 echo test (70 = 301). */
    public IsoMessage echo(int stan, Instant now) {
        Map<Integer, String> f = new LinkedHashMap<>();
        f.put(7, transmissionTime(now));
        f.put(11, stan6(stan));
        f.put(41, terminal.terminalId());
        f.put(70, "301");
        return new IsoMessage("0800", f);
    }

    static String n12(long amount) {
        return String.format("%012d", amount);
    }

    static String stan6(int stan) {
        return String.format("%06d", stan);
    }
}
