package dev.posterm.core.settlement;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a settlement file with nothing but the file, its manifest and (for the chain across files)
 * its predecessor's manifest, as settlement-file.md "Checking" says: the manifest's fields, the
 * CSV's SHA-256 and size, the header, every column of every row, seq and time order, every chain
 * value, chainHead, the row count and every total recomputed from the rows, field 63 as sent, and
 * that nothing beyond the last four digits of a card is in the file. It lists every problem it
 * finds rather than stopping at the first. The CSV is read once, as a stream: memory does not grow
 * with the number of rows (bar one payment id per row, kept to spot a row given twice).
 */
public final class SettlementVerifier {
    private static final int MANIFEST_LIMIT = 1 << 20;

    private final Path csv;
    private final Path manifest;
    private final List<Problem> problems = new ArrayList<>();
    private final CsvRecords.Problems inCsv;
    private final CsvRecords.Problems inManifest;
    private ManifestCheck m;

    private SettlementVerifier(Path csv, Path manifest) {
        this.csv = csv;
        this.manifest = manifest;
        inCsv = (line, what) -> problems.add(new Problem(csv, line, what));
        inManifest = (line, what) -> problems.add(new Problem(manifest, line, what));
    }

    /** Verifies one settlement file, named by its CSV or its manifest. */
    public static Verdict verify(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".csv") || name.endsWith(".json") ? name.substring(0, name.lastIndexOf('.')) : name;
        SettlementVerifier v = new SettlementVerifier(file.resolveSibling(stem + ".csv"),
                file.resolveSibling(stem + ".json"));
        return v.run();
    }

    /** Problems in the chain across two files of one terminal: {@code next} must continue {@code previous}. */
    public static List<Problem> continuity(Verdict previous, Verdict next) {
        List<Problem> found = new ArrayList<>();
        if (previous.batch().isPresent() && next.batch().isPresent()) {
            int expected = previous.batch().get() % 999_999 + 1;
            if (next.batch().get() != expected) {
                found.add(new Problem(next.manifest(), 0, String.format("batch %06d does not follow batch %06d:"
                        + " batch %06d is missing between them", next.batch().get(), previous.batch().get(), expected)));
            }
        }
        if (previous.chainHead().isPresent() && next.chainStart().isPresent()
                && !previous.chainHead().get().equals(next.chainStart().get())) {
            found.add(new Problem(next.manifest(), next.chainStartLine(), "chainStart is not the chainHead of "
                    + previous.manifest().getFileName() + ": the chain across files is broken (a file between"
                    + " them is missing, or one of them was replaced)"));
        }
        return found;
    }

    private Verdict run() {
        SettlementNames.Parts named = SettlementNames.parse(csv.getFileName().toString()).orElse(null);
        if (named == null) {
            inCsv.add(0, "the name is not settlement-<terminalId>-<6-digit batch>.csv");
        }
        readManifest();
        long rows = readCsv();
        if (m != null && named != null && m.terminalId != null && m.batch != null
                && !csv.getFileName().toString().equals(SettlementNames.csv(m.terminalId, m.batch))) {
            m.say("terminalId", "and batch name " + SettlementNames.csv(m.terminalId, m.batch) + ", not this file");
        }
        boolean manifestRead = m != null;
        return new Verdict(csv, manifest, Optional.ofNullable(manifestRead ? m.terminalId : null),
                Optional.ofNullable(manifestRead ? m.batch : null),
                Optional.ofNullable(manifestRead ? m.chainStart : null), manifestRead ? m.line("chainStart") : 0,
                Optional.ofNullable(manifestRead ? m.chainHead : null), rows, List.copyOf(problems));
    }

    private void readManifest() {
        try {
            if (Files.size(manifest) > MANIFEST_LIMIT) {
                inManifest.add(0, "is larger than 1 MiB: not a settlement manifest");
                return;
            }
            m = new ManifestCheck(ManifestJson.read(Files.readAllBytes(manifest)), inManifest);
            m.run();
        } catch (NoSuchFileException e) {
            inManifest.add(0, "is missing: every settlement CSV has its manifest beside it");
        } catch (ManifestJson.Unreadable e) {
            inManifest.add(e.line, e.getMessage());
        } catch (IOException e) {
            inManifest.add(0, "cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** One pass over the CSV; returns the number of rows. */
    private long readCsv() {
        MessageDigest sha256 = Chain.sha256();
        long[] size = new long[1];
        Rows rows = new Rows();
        try (InputStream raw = Files.newInputStream(csv);
             InputStream counted = new CountingInputStream(new DigestInputStream(raw, sha256), size)) {
            Reader text = new InputStreamReader(counted, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            CsvRecords records = new CsvRecords(text, inCsv);
            try {
                rows.read(records);
            } catch (CharacterCodingException e) {
                inCsv.add(rows.lastLine + 1, "is not UTF-8 here (" + e.getClass().getSimpleName() + ");"
                        + " the rows from here on are not checked");
                counted.transferTo(OutputStream.nullOutputStream());
            }
        } catch (NoSuchFileException e) {
            inCsv.add(0, "is missing");
            return 0;
        } catch (IOException e) {
            inCsv.add(0, "cannot be read: " + e.getClass().getSimpleName());
            return rows.count;
        }
        if (m != null) {
            compare(rows, size[0], Chain.hex(sha256.digest()));
        }
        return rows.count;
    }

    /** The manifest's claims against what the rows showed. */
    private void compare(Rows rows, long size, String sha256) {
        if (m.csvName != null && !m.csvName.equals(csv.getFileName().toString())) {
            m.say("csv.name", "is " + m.csvName + ", not this CSV's name " + csv.getFileName());
        }
        if (m.csvSize != null && m.csvSize != size) {
            m.say("csv.size", "is " + m.csvSize + " bytes; the CSV has " + size + ": it was changed after it was written");
        }
        if (m.csvSha256 != null && !m.csvSha256.equals(sha256)) {
            m.say("csv.sha256", "does not match the CSV's SHA-256 " + sha256 + ": it was changed after it was written");
        }
        if (m.rows != null && m.rows != rows.count) {
            m.say("rows", "is " + m.rows + "; the CSV has " + rows.count + " rows");
        }
        String head = rows.count == 0 ? m.chainStart : rows.lastChain;
        if (m.chainHead != null && head != null && !m.chainHead.equals(head)) {
            m.say("chainHead", "is not the last row's chain (" + (rows.count == 0 ? "chainStart, there are no rows"
                    : "row on line " + rows.lastLine) + "): rows were added or removed at the end");
        }
        BatchTotals totals = rows.counter.totals();
        totals.named().forEach((name, fromRows) -> {
            Tally said = m.totals.get(name);
            if (said != null && !said.equals(fromRows)) {
                m.say("totals." + name, "says " + said + "; the rows give " + fromRows + " (count / amount)");
            }
        });
        if (m.terminalTotals != null && !m.terminalTotals.equals(totals.cardField63())) {
            m.say("host.terminalTotals", "is " + m.terminalTotals + "; the rows' card sales and refunds give "
                    + totals.cardField63());
        }
    }

    /** The rows, checked one at a time as they stream past. */
    private final class Rows {
        final BatchTotals.Counter counter = new BatchTotals.Counter();
        final Chain chain = new Chain();
        final Map<String, Integer> paymentLines = new HashMap<>();
        long count;
        int lastLine = 1;
        String lastChain;
        /** What the previous row's chain should be, given the one before it: its recomputed value. */
        String trueChain;
        long highestSeq;
        Instant lastTime;

        void read(CsvRecords records) throws IOException {
            CsvRecords.Record header = records.next();
            if (header == null) {
                inCsv.add(1, "the file is empty: it starts with the header row");
                return;
            }
            header(header);
            RowCheck check = new RowCheck(inCsv, m == null ? null : m.currency);
            String previous = m == null ? null : m.chainStart;
            CsvRecords.Record r;
            while ((r = records.next()) != null) {
                count++;
                lastLine = r.line();
                previous = chained(r, previous);
                Optional<RowCheck.Read> row = check.check(r);
                if (row.isPresent()) {
                    order(r, row.get());
                }
            }
        }

        private void header(CsvRecords.Record h) {
            if (h.raw().equals(SettlementCsv.HEADER)) {
                return;
            }
            List<String> want = SettlementCsv.COLUMNS;
            for (int i = 0; i < Math.max(want.size(), h.fields().size()); i++) {
                String got = i < h.fields().size() ? h.fields().get(i) : "(nothing)";
                String expected = i < want.size() ? want.get(i) : "(nothing)";
                if (!got.equals(expected)) {
                    inCsv.add(1, "header column " + (i + 1) + " is '" + got + "', the spec's is '" + expected + "'");
                    return;
                }
            }
            inCsv.add(1, "the header is not exactly the spec's (quoting or spaces)");
        }

        /**
         * Checks the row's chain against the previous row's: its stated value, or the value it should
         * have had (so a row whose chain field alone was changed is named once, not with the next row
         * too). Returns this row's stated value, and keeps its true one in {@link #trueChain}.
         */
        private String chained(CsvRecords.Record r, String previous) {
            String raw = r.raw();
            int comma = raw.lastIndexOf(',');
            String stated = comma < 0 ? "" : raw.substring(comma + 1);
            String prefix = comma < 0 ? raw : raw.substring(0, comma);
            String fromStated = previous == null ? null : chain.next(previous, prefix);
            String fromTrue = trueChain == null || trueChain.equals(previous) ? fromStated : chain.next(trueChain, prefix);
            trueChain = fromStated;
            if (!Chain.isValue(stated)) {
                say(r, "chain is not 64 lower-case hex digits");
                lastChain = null;
                return null;
            }
            if (fromStated != null && !stated.equals(fromStated) && !stated.equals(fromTrue)) {
                say(r, "chain does not match: this row is not the one that was chained here (it was"
                        + " altered, or rows before it were removed, added or moved)" + (count == 1
                        ? "; or chainStart is not the one this file was written with" : ""));
            }
            lastChain = stated;
            return stated;
        }

        private void say(CsvRecords.Record r, String what) {
            String seq = r.fields().isEmpty() ? "" : r.fields().get(0);
            inCsv.add(r.line(), (seq.matches("[1-9]\\d{0,17}") ? "row " + seq + ": " : "") + what);
        }

        private void order(CsvRecords.Record r, RowCheck.Read row) {
            if (row.seq() > highestSeq + 1) {
                say(r, "seq " + row.seq() + " follows seq " + highestSeq + ": "
                        + (row.seq() == highestSeq + 2 ? "row " + (highestSeq + 1) + " is" : "rows " + (highestSeq + 1)
                        + " to " + (row.seq() - 1) + " are") + " missing here");
            } else if (row.seq() <= highestSeq) {
                say(r, "seq " + row.seq() + " comes after seq " + highestSeq
                        + ": rows are out of order or repeated");
            }
            highestSeq = Math.max(highestSeq, row.seq());
            if (lastTime != null && row.time().isBefore(lastTime)) {
                say(r, "time is before the row above's: rows are in the order they happened");
            }
            lastTime = row.time();
            Integer first = paymentLines.putIfAbsent(row.paymentId(), r.line());
            if (first != null) {
                say(r, "payment_id is already on line " + first + ": one row per transaction");
            }
            counter.add(row.type(), row.method(), row.state(), row.hostStatus(), row.amount());
        }
    }
}
