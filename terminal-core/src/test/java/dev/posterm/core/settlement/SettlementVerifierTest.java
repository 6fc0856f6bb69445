package dev.posterm.core.settlement;

import static dev.posterm.core.settlement.GoldenFiles.CSV_12;
import static dev.posterm.core.settlement.GoldenFiles.CSV_13;
import static dev.posterm.core.settlement.GoldenFiles.JSON_12;
import static dev.posterm.core.settlement.GoldenFiles.JSON_13;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier on hand-written files (settlement-file.md) and on copies tampered with one way each. */
class SettlementVerifierTest {
    @TempDir
    Path dir;

    @BeforeEach
    void golden() throws IOException {
        GoldenFiles.copyAll(dir);
    }

    @Test
    void theHandWrittenFilesHoldAndTheSecondContinuesTheFirst() {
        Verdict twelve = SettlementVerifier.verify(dir.resolve(CSV_12));
        Verdict thirteen = SettlementVerifier.verify(dir.resolve(JSON_13));   // by its manifest, too

        assertEquals(List.of(), twelve.problems());
        assertEquals(List.of(), thirteen.problems());
        assertEquals(6, twelve.rows());
        assertEquals(7, thirteen.rows());
        assertEquals(List.of(), SettlementVerifier.continuity(twelve, thirteen));
    }

    @Test
    void aChangedAmountIsNamedByItsRowAndByTheTotals() throws IOException {
        GoldenFiles.edit(dir.resolve(CSV_12), "SALE,CARD,,4345,", "SALE,CARD,,4346,");

        List<Problem> problems = SettlementVerifier.verify(dir.resolve(CSV_12)).problems();

        assertHas(problems, CSV_12, 2, "chain does not match");
        assertHas(problems, JSON_12, 7, "totals.sales says 4 / 12345; the rows give 4 / 12346");
        assertHas(problems, JSON_12, 10, "totals.byMethod.CARD says 3 / 10345; the rows give 3 / 10346");
        assertHas(problems, JSON_12, 16, "csv.sha256 does not match");
        assertEquals(1, problems.stream().filter(p -> p.what().contains("chain does not match")).count(),
                "only the altered row breaks the chain: " + problems);
    }

    @Test
    void aDeletedRowIsNamedWhereItIsMissing() throws IOException {
        Path csv = dir.resolve(CSV_12);
        GoldenFiles.edit(csv, GoldenFiles.line(csv, 4) + "\r\n", "");

        List<Problem> problems = SettlementVerifier.verify(csv).problems();

        assertHas(problems, CSV_12, 4, "row 4: seq 4 follows seq 2: row 3 is missing here");
        assertHas(problems, CSV_12, 4, "row 4: chain does not match");
        assertHas(problems, JSON_12, 15, "rows is 6; the CSV has 5 rows");
    }

    @Test
    void aReorderedRowIsNamed() throws IOException {
        Path csv = dir.resolve(CSV_12);
        String four = GoldenFiles.line(csv, 5);
        String five = GoldenFiles.line(csv, 6);
        GoldenFiles.edit(csv, four + "\r\n" + five, five + "\r\n" + four);

        List<Problem> problems = SettlementVerifier.verify(csv).problems();

        assertHas(problems, CSV_12, 5, "row 5: seq 5 follows seq 3: row 4 is missing here");
        assertHas(problems, CSV_12, 6, "seq 4 comes after seq 5: rows are out of order or repeated");
        assertHas(problems, CSV_12, 6, "time is before the row above's");
    }

    @Test
    void aBrokenChainIsNamedOnceAtTheRowWhoseChainWasChanged() throws IOException {
        Path csv = dir.resolve(CSV_12);
        String row3 = GoldenFiles.line(csv, 4);
        String chain = row3.substring(row3.lastIndexOf(',') + 1);
        GoldenFiles.edit(csv, "," + chain, "," + "f".repeat(64));

        List<Problem> problems = SettlementVerifier.verify(csv).problems();

        assertHas(problems, CSV_12, 4, "row 3: chain does not match");
        assertEquals(1, problems.stream().filter(p -> p.what().contains("chain does not match")).count(), problems.toString());
    }

    @Test
    void aWrongTotalInTheManifestIsTheOnlyProblem() throws IOException {
        GoldenFiles.edit(dir.resolve(JSON_12), "\"sales\":   {\"count\": 4, \"amount\": 12345}",
                "\"sales\":   {\"count\": 4, \"amount\": 12340}");

        List<Problem> problems = SettlementVerifier.verify(dir.resolve(CSV_12)).problems();

        assertEquals(1, problems.size(), problems.toString());
        assertHas(problems, JSON_12, 7, "totals.sales says 4 / 12340; the rows give 4 / 12345");
    }

    @Test
    void aFullCardNumberIsNamedAndNotRepeated() throws IOException {
        Path csv = dir.resolve(CSV_12);
        GoldenFiles.edit(csv, "CHIP,0119,o-1001", "CHIP,4761739001010119,o-1001");

        List<Problem> problems = SettlementVerifier.verify(csv).problems();

        assertHas(problems, CSV_12, 2, "card_last4 holds 16 characters (16 digits): a settlement file holds the"
                + " last four digits of a card and nothing more");
        assertHas(problems, CSV_12, 2, "card_last4 holds what looks like a full card number");
        assertFalse(problems.toString().contains("47617390"), "no problem quotes the card: " + problems);
    }

    @Test
    void aCardNumberHiddenInAnIdIsNamedToo() throws IOException {
        Path csv = dir.resolve(CSV_12);
        GoldenFiles.edit(csv, ",o-1006,", ",o-4761739001010119,");

        assertHas(SettlementVerifier.verify(csv).problems(), CSV_12, 7, "order_id holds what looks like a full card number");
    }

    @Test
    void aMissingFileBetweenTwoIsNamedByTheChainAcrossFiles() throws IOException {
        // batch 13 as if it followed a batch 12 other than this one: its chainStart no longer fits
        Verdict twelve = SettlementVerifier.verify(dir.resolve(CSV_12));
        Verdict thirteen = SettlementVerifier.verify(dir.resolve(CSV_13));
        Verdict twelveAgain = new Verdict(twelve.csv(), twelve.manifest(), twelve.terminalId(),
                java.util.Optional.of(11), thirteen.chainStart().map(s -> "0".repeat(64)), 0,
                java.util.Optional.of("1".repeat(64)), 0, List.of());

        List<Problem> problems = SettlementVerifier.continuity(twelveAgain, thirteen);

        assertHas(problems, JSON_13, 0, "batch 000013 does not follow batch 000011: batch 000012 is missing");
        assertHas(problems, JSON_13, 17, "chainStart is not the chainHead of " + JSON_12);
    }

    @Test
    void aCsvWithoutItsManifestAndLineEndsOtherThanCrlfAreNamed() throws IOException {
        Path csv = dir.resolve(CSV_12);
        Files.delete(dir.resolve(JSON_12));
        Files.writeString(csv, Files.readString(csv, StandardCharsets.UTF_8).replace("\r\n", "\n"));

        List<Problem> problems = SettlementVerifier.verify(csv).problems();

        assertHas(problems, JSON_12, 0, "is missing");
        assertHas(problems, CSV_12, 1, "the line ends with LF alone; lines end with CRLF");
        assertHas(problems, CSV_12, 7, "the line ends with LF alone");
    }

    @Test
    void aRowWithAColumnMissingOrAWordOutsideTheSpecIsNamed() throws IOException {
        Path csv = dir.resolve(CSV_12);
        GoldenFiles.edit(csv, "CANCELLED,NONE,,,,,,,o-1006", "CANCELED,NONE,,,,,,,o-1006");
        GoldenFiles.edit(csv, "APPROVED_OFFLINE,ADVISED,00,Y30042,,000102", "APPROVED_OFFLINE,ADVISED,00,Y30042,000102");

        List<Problem> problems = SettlementVerifier.verify(csv).problems();

        assertHas(problems, CSV_12, 7, "row 6: state 'CANCELED' is not one of the spec's words");
        assertHas(problems, CSV_12, 3, "row 2: has 18 fields; every row has 19");
    }

    static void assertHas(List<Problem> problems, String file, int line, String what) {
        assertTrue(problems.stream().anyMatch(p -> p.file().getFileName().toString().equals(file)
                        && p.line() == line && p.what().contains(what)),
                "expected " + file + ":" + line + ": ..." + what + "... in\n  "
                        + String.join("\n  ", problems.stream().map(Problem::toString).toList()));
    }
}
