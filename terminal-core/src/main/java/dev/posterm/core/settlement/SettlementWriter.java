package dev.posterm.core.settlement;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Writes one closed batch's settlement files (settlement-file.md) into a folder, streaming: rows go
 * to disk as they are added, so a batch of any size never sits in memory.
 * <pre>
 *   begin ──add(row)*──> .settlement-T-000012.csv.tmp   (rows, chain, totals, SHA-256 as they pass)
 *   publish: fsync csv tmp ─ write + fsync .json.tmp ─ rename csv ─ rename json ─ fsync folder
 * </pre>
 * The manifest is renamed last: its presence says the batch's files are complete. If the process
 * dies between the two renames, the CSV stands alone; the next publish of the same batch adopts it
 * when its bytes are the same (rows and chainStart are the journal's, so they are), and otherwise
 * reports a {@link WriteOutcome.Conflict} without touching it. A published file is never rewritten.
 * Temporary files start with a dot, so a listing of settlement files never shows them.
 */
public final class SettlementWriter implements AutoCloseable {
    private final Path dir;
    private final BatchHeader header;
    private final String chainStart;
    private final Path csvTemp;
    private final Path manifestTemp;
    private final FileOutputStream file;
    private final OutputStream out;
    private final MessageDigest fileDigest = Chain.sha256();
    private final Chain chain = new Chain();
    private final BatchTotals.Counter counter = new BatchTotals.Counter();
    private String previous;
    private Instant lastTime = Instant.MIN;
    private long rows;
    private long size;
    private boolean done;
    private boolean streamOpen = true;

    private SettlementWriter(Path dir, BatchHeader header, String chainStart) throws IOException {
        this.dir = dir;
        this.header = header;
        this.chainStart = chainStart;
        this.previous = chainStart;
        Files.createDirectories(dir);
        csvTemp = dir.resolve("." + header.csvName() + ".tmp");
        manifestTemp = dir.resolve("." + header.manifestName() + ".tmp");
        file = new FileOutputStream(csvTemp.toFile());
        out = new BufferedOutputStream(file, 1 << 16);
        emit(SettlementCsv.HEADER + SettlementCsv.CRLF);
    }

    /**
     * Starts the files of {@code header}'s batch in {@code dir}. {@code chainStart}: the chainHead of
     * the terminal's previous settlement file, or {@link #FIRST_CHAIN_START} for its first.
     */
    public static SettlementWriter begin(Path dir, BatchHeader header, String chainStart) throws IOException {
        if (!Chain.isValue(chainStart)) {
            throw new IllegalArgumentException("chainStart is 64 lower-case hex digits");
        }
        return new SettlementWriter(dir, header, chainStart);
    }

    /** The chainStart of a terminal's first settlement file: 64 zeros. */
    public static final String FIRST_CHAIN_START = Chain.GENESIS;

    /** Writes a whole batch from any source of rows, in the order they happened. */
    public static WriteOutcome write(Path dir, BatchHeader header, String chainStart, Iterable<SettlementRow> rows)
            throws IOException {
        try (SettlementWriter w = begin(dir, header, chainStart)) {
            for (SettlementRow row : rows) {
                w.add(row);
            }
            return w.publish();
        }
    }

    /** Appends the next transaction; rows come in the order they happened, in the batch's currency. */
    public void add(SettlementRow row) throws IOException {
        if (done) {
            throw new IllegalStateException("settlement files already published or abandoned");
        }
        if (!row.currency().equals(header.currency())) {
            throw new IllegalArgumentException("payment " + row.paymentId() + " is in " + row.currency()
                    + ", the batch in " + header.currency());
        }
        if (row.time().isBefore(lastTime)) {
            throw new IllegalArgumentException("payment " + row.paymentId() + " happened before the row above it");
        }
        lastTime = row.time();
        String prefix = SettlementCsv.prefix(++rows, row);
        previous = chain.next(previous, prefix);
        emit(prefix + "," + previous + SettlementCsv.CRLF);
        counter.add(row.type(), row.method(), row.state(), row.hostStatus(), row.amount());
    }

    private void emit(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        fileDigest.update(bytes);
        size += bytes.length;
    }

    /** Makes both files durable and visible under their names; see the class comment for the order. */
    public WriteOutcome publish() throws IOException {
        if (done) {
            throw new IllegalStateException("settlement files already published or abandoned");
        }
        done = true;
        out.flush();
        file.getFD().sync();
        closeStream();
        String sha256 = Chain.hex(fileDigest.digest());
        Path csv = dir.resolve(header.csvName());
        Path manifest = dir.resolve(header.manifestName());
        if (Files.exists(manifest)) {
            Files.deleteIfExists(csvTemp);
            return new WriteOutcome.AlreadyWritten(manifest);
        }
        BatchTotals totals = counter.totals();
        DurableFiles.write(manifestTemp, ManifestJson.write(header, totals, rows, header.csvName(), size, sha256,
                chainStart, previous));
        if (Files.exists(csv)) {
            if (!sameBytes(csv, sha256)) {
                Files.deleteIfExists(csvTemp);
                Files.deleteIfExists(manifestTemp);
                return new WriteOutcome.Conflict(csv, "it exists without its manifest and holds other rows");
            }
            Files.delete(csvTemp);   // the orphan of an earlier try is this very file: adopt it
        } else {
            DurableFiles.rename(csvTemp, csv);
        }
        DurableFiles.rename(manifestTemp, manifest);
        DurableFiles.syncFolder(dir);
        return new WriteOutcome.Written(csv, manifest, rows, size, sha256, chainStart, previous, totals);
    }

    private boolean sameBytes(Path csv, String sha256) throws IOException {
        if (Files.size(csv) != size) {
            return false;
        }
        MessageDigest d = Chain.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(csv), d)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Chain.hex(d.digest()).equals(sha256);
    }

    /** Abandons an unpublished batch: its temporary files go, nothing else is touched. */
    @Override
    public void close() throws IOException {
        done = true;
        closeStream();
        Files.deleteIfExists(csvTemp);
        Files.deleteIfExists(manifestTemp);
    }

    private void closeStream() throws IOException {
        if (streamOpen) {
            streamOpen = false;
            out.close();
        }
    }
}
