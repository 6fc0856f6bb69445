package dev.posterm.core.api;

import com.sun.net.httpserver.HttpExchange;
import dev.posterm.core.batch.SettlementShelf;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /settlements}: the back office's settlement files (settlement-file.md, ecr-api.md).
 * <pre>
 * GET  /settlements          {"items": [{name, size, sha256, batch, closedAt, fetched, fetchedAt}, ...]}
 * GET  /settlements/{name}   200 the file | 206 a range | 304 If-None-Match | 404 | 416
 * HEAD /settlements/{name}   the same headers, no body
 * </pre>
 * The ETag is the file's SHA-256 in quotes (strong: the file never changes). A name is looked up in
 * the journal's list as it is, never joined to a path first ({@link SettlementShelf#find}). A
 * download that sends the file's last byte, whole or as the end of a resumed download, marks the file
 * fetched: that is what lets retention remove it later.
 */
final class SettlementResource {
    static final String CSV = "text/csv; charset=utf-8; header=present";
    static final String MANIFEST = "application/json";

    private final SettlementShelf shelf;

    SettlementResource(SettlementShelf shelf) {
        this.shelf = shelf;
    }

    Reply list(Call call) throws Refused, IOException {
        call.query();
        List<Map<String, Object>> items = shelf.list().stream().map(SettlementResource::view).toList();
        return Reply.Json.ok(Map.of("items", items));
    }

    private static Map<String, Object> view(SettlementShelf.Listed f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", f.name());
        out.put("size", f.size());
        out.put("sha256", f.sha256());
        out.put("batch", f.batch());
        out.put("closedAt", Views.time(f.closedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));   // as in the manifest
        out.put("fetched", f.fetched());
        out.put("fetchedAt", f.fetchedAt().map(Views::time).orElse(null));
        return out;
    }

    Reply download(Call call) throws Refused, IOException {
        call.query();
        SettlementShelf.Stored stored = shelf.find(call.pathParameter("name")).orElseThrow(() -> new Refused(
                ErrorCode.SETTLEMENT_FILE_NOT_FOUND, "No settlement file of that name; GET /api/v1/settlements lists them."));
        SettlementShelf.Listed file = stored.file();
        HttpExchange x = call.exchange();
        String etag = "\"" + file.sha256() + "\"";
        boolean head = "HEAD".equals(x.getRequestMethod());
        x.getResponseHeaders().set("ETag", etag);
        x.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (call.header("If-None-Match").map(h -> matches(h, etag)).orElse(false)) {
            x.sendResponseHeaders(304, -1);
            x.close();
            return new Reply.Streamed();
        }
        // If-Range with another validator: the file the caller holds part of is not this one; send it whole.
        boolean rangeApplies = call.header("If-Range").map(h -> h.strip().equals(etag)).orElse(true);
        ByteRange range = rangeApplies ? ByteRange.parse(call.header("Range"), file.size()) : new ByteRange.Ignored();
        if (range instanceof ByteRange.Unsatisfiable) {
            x.getResponseHeaders().set("Content-Range", "bytes */" + file.size());
            throw new Refused(ErrorCode.RANGE_NOT_SATISFIABLE, "The range '" + call.header("Range").orElse("")
                    .replaceAll("[^ -~]", "?") + "' holds no byte of " + file.name() + " (" + file.size() + " bytes).");
        }
        ByteRange.Slice slice = range instanceof ByteRange.Slice s ? s : new ByteRange.Slice(0, file.size() - 1);
        int status = range instanceof ByteRange.Slice ? 206 : 200;
        if (status == 206) {
            x.getResponseHeaders().set("Content-Range", "bytes " + slice.first() + "-" + slice.last() + "/" + file.size());
        }
        x.getResponseHeaders().set("Content-Type", file.isCsv() ? CSV : MANIFEST);
        x.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + file.name() + "\"");
        if (head) {
            x.getResponseHeaders().set("Content-Length", String.valueOf(slice.length()));
            x.sendResponseHeaders(status, -1);
            x.close();
            return new Reply.Streamed();
        }
        x.sendResponseHeaders(status, Math.max(slice.length(), 0) == 0 ? -1 : slice.length());
        copy(stored, slice, x);
        x.close();
        // Fetched once the last byte went out whole, as a whole file or the end of a resumed download
        // (bytes=N-, N-M); a suffix range (bytes=-N) is a look at the tail, not a download.
        boolean suffix = status == 206 && call.header("Range").orElse("").strip().toLowerCase(java.util.Locale.ROOT)
                .startsWith("bytes=-");
        if (slice.last() == file.size() - 1 && !suffix) {
            shelf.fetched(file.name());
        }
        return new Reply.Streamed();
    }

    private static void copy(SettlementShelf.Stored stored, ByteRange.Slice slice, HttpExchange x) throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(stored.path()); OutputStream out = x.getResponseBody()) {
            in.position(slice.first());
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long left = slice.length();
            while (left > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException(stored.file().name() + " is shorter than its recorded size");
                }
                out.write(buffer.array(), 0, n);
                left -= n;
            }
        }
    }

    /** If-None-Match: {@code *} or a list of entity tags, compared weakly (RFC 9110 section 13.1.2). */
    static boolean matches(String header, String etag) {
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
