package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.payment.Payment;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.EntryMode;
import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Tlv;
import dev.posterm.drivers.reader.Track2;
import dev.posterm.drivers.reader.tlv.BerTlv;
import dev.posterm.drivers.reader.tlv.DataObject;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field 55 as BER-TLV without card data, and masking for every PAN length. */
class CardDataTest {
    private static final LocalDateTime LOCAL = LocalDateTime.parse("2026-11-22T10:00:00");

    private static CardRead withIcc(List<Tlv> extra) {
        CardRead c = EngineRig.chipCard(Cid.ARQC);
        List<Tlv> icc = new ArrayList<>(c.iccData());
        icc.addAll(extra);
        return new CardRead(c.pan(), c.expiry(), c.track2(), c.panSequence(), c.cid(), c.entryMode(), c.aid(),
                c.applicationLabel(), icc);
    }

    @Test
    void field55CarriesAValueLongerThan127BytesWithALongFormLength() throws Exception {
        byte[] iad = new byte[200];
        iad[199] = 0x42;
        byte[] big = new byte[300];
        big[0] = 0x17;

        String hex = IccData.field55(withIcc(List.of(new Tlv(0x9F7C, iad), new Tlv(0xDF8104, big))), 1250, 156, LOCAL);

        assertTrue(hex.contains("9F7C81C8"), "81 C8: one length byte follows, 200");
        assertTrue(hex.contains("DF810482012C"), "82 01 2C: two length bytes follow, 300");
        List<DataObject> objects = BerTlv.decode(HexFormat.of().parseHex(hex));
        assertArrayEquals(iad, objects.stream().filter(o -> o.tag() == 0x9F7C).findFirst().orElseThrow().value());
        assertArrayEquals(big, objects.stream().filter(o -> o.tag() == 0xDF8104).findFirst().orElseThrow().value());
        assertEquals(List.of(0x9F26, 0x9F27, 0x9F36, 0x95, 0x9F7C, 0xDF8104, 0x9F02, 0x5F2A, 0x9A, 0x9C),
                objects.stream().map(DataObject::tag).toList(), "every object parses back, in order");
    }

    @Test
    void field55NeverCarriesCardDataEvenIfATlvSlipsThrough() throws Exception {
        HexFormat h = HexFormat.of();
        String track2 = "4761739001010119D25122011234567F";
        List<Tlv> recorded = List.of(new Tlv(0x9F6B, h.parseHex(track2)), new Tlv(0x9F20, h.parseHex("25122011234567FF")),
                new Tlv(0x5F20, "MUELLER/JOHANN".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                new Tlv(0x57, h.parseHex(track2)), new Tlv(0x5A, h.parseHex("4761739001010119")),
                new Tlv(0x70, h.parseHex("5A084761739001010119")), new Tlv(0x77, h.parseHex("5710" + track2)),
                new Tlv(0xBF0C, h.parseHex("73139F6B10" + track2)));

        String hex = IccData.field55(withIcc(recorded), 1250, 156, LOCAL);

        List<Integer> tags = BerTlv.decode(h.parseHex(hex)).stream().map(DataObject::tag).toList();
        for (int sensitive : List.of(0x9F6B, 0x9F20, 0x5F20, 0x57, 0x5A, 0x70, 0x77, 0xBF0C)) {
            assertFalse(tags.contains(sensitive), Integer.toHexString(sensitive) + " in field 55: " + tags);
        }
        assertFalse(hex.contains("4761739001010119"), hex);
    }

    @Test
    void shortAndLongPansShowOnlyTheirLastFourInTheJournalAndOnSlips(@TempDir Path dir) throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            int n = 0;
            for (String digits : List.of("4000001234562", "378282246310005", "6212345678901234567")) {
                String last4 = digits.substring(digits.length() - 4);
                // The PAN from 5A, and (as a swipe may give) from track 2 alone.
                for (boolean panTag : List.of(true, false)) {
                    CardRead card = new CardRead(panTag ? Optional.of(Pan.of(digits)) : Optional.empty(),
                            Optional.of(Expiry.ofYymmdd("301231")), Optional.of(Track2.of(digits + "D3012201123")),
                            Optional.of(1), Cid.ARQC, EntryMode.CHIP, Optional.empty(), Optional.empty(), List.of());
                    rig.reader.starts.add(card);
                    rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
                    int slipsBefore = rig.printer.slips.size();

                    Payment p = rig.payByCard("o-" + n++, 500);
                    rig.spooler.printOwed();

                    assertEquals(Optional.of("*".repeat(digits.length() - 4) + last4), p.maskedPan(), digits);
                    List<String> slips = rig.printer.slips.subList(slipsBefore, rig.printer.slips.size());
                    assertFalse(slips.isEmpty());
                    for (String slip : slips) {
                        assertTrue(slip.contains(last4), slip);
                        assertFalse(slip.contains(digits.substring(0, 6)), "no more than the last four on a slip");
                    }
                }
            }
        }
    }

    @Test
    void storedCardShowsOnlyTheLastFourOfAPanShorterThanSixteen() {
        for (String digits : List.of("4000001234562", "378282246310005")) {
            String text = new dev.posterm.core.vault.StoredCard(Pan.of(digits), Optional.empty(), Optional.empty(),
                    Optional.empty(), "").toString();
            assertTrue(text.contains("*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4)), text);
            assertFalse(text.contains(digits.substring(0, 6)), text);
        }
    }
}
