package dev.posterm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorMainTest {
    @Test
    void everyCardNameBuildsTheScriptOfThatName() {
        SimulatorMain.CARDS.forEach((name, script) -> assertEquals(name, script.get().name()));
    }

    @Test
    void readerOptionsParse() {
        CommandLine.ParseResult parsed = new CommandLine(new SimulatorMain())
                .parseArgs("reader", "--port", "9101", "--cards", "magstripe,noCard");
        SimulatorMain.Reader reader = (SimulatorMain.Reader) parsed.subcommand().commandSpec().userObject();
        assertEquals(9101, reader.port);
        assertEquals(List.of("magstripe", "noCard"), reader.cards);
    }

    @Test
    void unknownCardIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.reader(0, List.of("goldCard")));
    }

    @Test
    void walletAndScannerOptionsParse() {
        CommandLine.ParseResult wallet = new CommandLine(new SimulatorMain())
                .parseArgs("wallet", "--port", "9300", "--merchant-id", "M1", "--key", "k".repeat(16));
        SimulatorMain.Wallet w = (SimulatorMain.Wallet) wallet.subcommand().commandSpec().userObject();
        assertEquals(9300, w.port);
        assertEquals("M1", w.merchantId);
        CommandLine.ParseResult all = new CommandLine(new SimulatorMain())
                .parseArgs("all", "--wallet-port", "9300", "--scanner-port", "9104");
        SimulatorMain.All a = (SimulatorMain.All) all.subcommand().commandSpec().userObject();
        assertEquals(9300, a.walletPort);
        assertEquals(9104, a.scannerPort);
    }
}
