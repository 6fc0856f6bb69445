package dev.posterm.printer.escpos;

import static dev.posterm.printer.Hex.format;
import static dev.posterm.printer.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each command against its bytes as printed in the Epson ESC/POS command reference. */
class CommandBufferTest {

    private static void assertBytes(String expectedHex, CommandBuffer buffer) {
        assertEquals(format(hex(expectedHex)), format(buffer.toByteArray()));
    }

    @Test
    void initialiseIsEscAt() {
        assertBytes("1B 40", new CommandBuffer().initialize());
    }

    @Test
    void justificationIsEscAWithN() {
        assertBytes("1B 61 00  1B 61 01  1B 61 02", new CommandBuffer()
                .justification(Justification.LEFT)
                .justification(Justification.CENTER)
                .justification(Justification.RIGHT));
    }

    @Test
    void emphasisIsEscEWithOneOrZero() {
        assertBytes("1B 45 01  1B 45 00", new CommandBuffer().emphasized(true).emphasized(false));
    }

    @Test
    void characterSizeIsGsBangWidthInHighNibbleHeightInLow() {
        // GS ! n: bits 4-7 = width multiplier - 1, bits 0-3 = height multiplier - 1
        assertBytes("1D 21 00  1D 21 11  1D 21 10  1D 21 01  1D 21 77", new CommandBuffer()
                .characterSize(1, 1)
                .characterSize(2, 2)
                .characterSize(2, 1)
                .characterSize(1, 2)
                .characterSize(8, 8));
        assertThrows(IllegalArgumentException.class, () -> new CommandBuffer().characterSize(9, 1));
        assertThrows(IllegalArgumentException.class, () -> new CommandBuffer().characterSize(1, 0));
    }

    @Test
    void lineFeedAndFeedLines() {
        assertBytes("0A  1B 64 03  1B 64 FF", new CommandBuffer().lineFeed().feedLines(3).feedLines(255));
        assertThrows(IllegalArgumentException.class, () -> new CommandBuffer().feedLines(256));
    }

    @Test
    void cutIsGsVFunctionBWithFeed() {
        // GS V m n, m = 66 (0x42): feed to cutting position + n, then cut
        assertBytes("1D 56 42 00", new CommandBuffer().cutAfterFeed(0));
        assertBytes("1D 56 42 10", new CommandBuffer().cutAfterFeed(16));
    }

    @Test
    void chineseModeIsFsAmpersandOnFsDotOff() {
        assertBytes("1C 26  1C 2E", new CommandBuffer().chineseModeOn().chineseModeOff());
    }

    @Test
    void drawerPulseIsEscPWithPinAndTwoMillisecondUnits() {
        // ESC p 0 50 100: pin 2, 100 ms on, 200 ms off
        assertBytes("1B 70 00 32 64", new CommandBuffer().drawerPulse(DrawerPin.PIN_2, 100, 200));
        assertBytes("1B 70 01 01 FF", new CommandBuffer().drawerPulse(DrawerPin.PIN_5, 2, 510));
        assertThrows(IllegalArgumentException.class, () -> new CommandBuffer().drawerPulse(DrawerPin.PIN_2, 0, 200));
        assertThrows(IllegalArgumentException.class, () -> new CommandBuffer().drawerPulse(DrawerPin.PIN_2, 200, 100));
    }

    @Test
    void realTimeStatusIsDleEotN() {
        assertBytes("10 04 01  10 04 02  10 04 03  10 04 04", new CommandBuffer()
                .realTimeStatus(RealTimeStatus.PRINTER)
                .realTimeStatus(RealTimeStatus.OFFLINE_CAUSE)
                .realTimeStatus(RealTimeStatus.ERROR_CAUSE)
                .realTimeStatus(RealTimeStatus.ROLL_PAPER_SENSOR));
    }

    @Test
    void textIsAppendedInTheGivenEncoding() {
        // "12.50" in ASCII, then 金额 in GB18030 (金 = BD F0, 额 = B6 EE)
        assertBytes("31 32 2E 35 30  BD F0 B6 EE  0A", new CommandBuffer()
                .text("12.50", TextEncoding.ASCII)
                .text("金额", TextEncoding.GB18030)
                .lineFeed());
    }
}
