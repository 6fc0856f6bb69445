package dev.posterm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code posterm settlements verify} on the hand-written settlement files: no config, just files. */
class SettlementsCommandTest {
    private static final String CSV_12 = "settlement-T0000001-000012.csv";
    private static final String CSV_13 = "settlement-T0000001-000013.csv";

    @TempDir
    Path dir;

    @BeforeEach
    void copyGoldenFiles() throws Exception {
        for (String name : new String[] {CSV_12, "settlement-T0000001-000012.json", CSV_13,
                "settlement-T0000001-000013.json"}) {
            try (InputStream in = getClass().getResourceAsStream("/dev/posterm/core/settlement/" + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
    }

    @Test
    void goodFilesAreOkAndExitZero() {
        Run run = run("settlements", "verify", dir.resolve(CSV_12).toString(), dir.resolve(CSV_13).toString());

        assertEquals(0, run.exit, run.out);
        assertTrue(run.out.contains(dir.resolve(CSV_12) + ": OK (6 rows, batch 000012 of terminal T0000001)"), run.out);
        assertTrue(run.out.contains(dir.resolve(CSV_13) + ": OK (7 rows, batch 000013 of terminal T0000001)"), run.out);
    }

    @Test
    void aTamperedFileIsNamedWithItsLineAndTheExitIsNotZero() throws Exception {
        Path csv = dir.resolve(CSV_13);
        Files.writeString(csv, Files.readString(csv, StandardCharsets.UTF_8).replace(",2500,CNY,REFUNDED,",
                ",2400,CNY,REFUNDED,"), StandardCharsets.UTF_8);

        Run run = run("settlements", "verify", dir.resolve(CSV_12).toString(), csv.toString());

        assertEquals(1, run.exit, run.out);
        assertTrue(run.out.contains(dir.resolve(CSV_12) + ": OK"), run.out);
        assertTrue(run.out.contains(csv + ":2: row 1: chain does not match"), run.out);
        assertTrue(run.out.contains("settlement-T0000001-000013.json:7: totals.sales says 2 / 3700; the rows give"
                + " 2 / 3600"), run.out);
        assertTrue(run.out.contains("problem(s) in 1 of 2 settlement file(s)"), run.out);
    }

    @Test
    void aFileMissingFromTheChainIsNamed() throws Exception {
        Files.delete(dir.resolve(CSV_12));
        Files.delete(dir.resolve("settlement-T0000001-000012.json"));
        Path elsewhere = Files.createDirectories(dir.resolve("later"));
        // a copy of batch 13 named batch 15: as if batch 14 had been dropped between them
        Files.copy(dir.resolve(CSV_13), elsewhere.resolve("settlement-T0000001-000015.csv"));
        String manifest = Files.readString(dir.resolve("settlement-T0000001-000013.json"))
                .replace("\"batch\": 13", "\"batch\": 15").replace("000013.csv", "000015.csv");
        Files.writeString(elsewhere.resolve("settlement-T0000001-000015.json"), manifest);

        Run run = run("settlements", "verify", dir.resolve(CSV_13).toString(),
                elsewhere.resolve("settlement-T0000001-000015.json").toString());

        assertEquals(1, run.exit, run.out);
        assertTrue(run.out.contains("batch 000015 does not follow batch 000013: batch 000014 is missing"), run.out);
        assertTrue(run.out.contains("settlement-T0000001-000015.json:17: chainStart is not the chainHead of"
                + " settlement-T0000001-000013.json"), run.out);
    }

    @Test
    void aMissingFileIsAProblemNotACrash() {
        Run run = run("settlements", "verify", dir.resolve("settlement-T0000001-000099.csv").toString());

        assertEquals(1, run.exit, run.out);
        assertTrue(run.out.contains("settlement-T0000001-000099.csv: is missing"), run.out);
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new Posterm());
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        int exit = cli.execute(args);
        return new Run(exit, text.toString());
    }
}
