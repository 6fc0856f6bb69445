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
}
