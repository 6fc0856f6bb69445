package dev.posterm.core.settlement;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a stream of characters, one at a time, with the exact text of each record
 * (what the hash chain covers) and the physical line it starts on. It reads on past what breaks the
 * file's rules (a line end other than CRLF, a stray quote, a byte order mark), telling each to
 * {@link Problems}, so a verifier can list every problem instead of stopping at the first.
 */
final class CsvRecords {
    /** One record: its first line, its text without the line end, its fields unquoted. */
    record Record(int line, String raw, List<String> fields) {
    }

    interface Problems {
        void add(int line, String what);
    }

    private static final int EOF = -1;
    private final Reader in;
    private final Problems problems;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int pushedBack = -2;
    private int line = 1;
    private boolean started;

    CsvRecords(Reader in, Problems problems) {
        this.in = in;
        this.problems = problems;
    }

    /** The next record, or null at the end of the stream. */
    Record next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                problems.add(1, "the file starts with a byte order mark; it is UTF-8 without BOM");
                c = read();
            }
        }
        if (c == EOF) {
            return null;
        }
        int first = line;
        StringBuilder raw = new StringBuilder(200);
        List<String> fields = new ArrayList<>(19);
        StringBuilder field = new StringBuilder(64);
        while (true) {
            if (c == '"' && field.isEmpty()) {
                c = quoted(raw, field, first);
            } else {
                c = unquoted(c, raw, field);
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == ',') {
                raw.append(',');
                c = read();
                continue;
            }
            lineEnd(c, first);
            return new Record(first, raw.toString(), fields);
        }
    }

    /** Reads a bare field from {@code c}; returns the character that ended it. */
    private int unquoted(int c, StringBuilder raw, StringBuilder field) throws IOException {
        boolean told = false;
        while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
            if (c == '"' && !told) {
                problems.add(line, "a double quote inside a field that is not quoted");
                told = true;
            }
            raw.append((char) c);
            field.append((char) c);
            c = read();
        }
        return c;
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int quoted(StringBuilder raw, StringBuilder field, int first) throws IOException {
        raw.append('"');
        while (true) {
            int c = read();
            if (c == EOF) {
                problems.add(first, "a quoted field is not closed before the end of the file");
                return EOF;
            }
            raw.append((char) c);
            if (c == '\n') {
                line++;
            }
            if (c != '"') {
                field.append((char) c);
                continue;
            }
            int after = read();
            if (after == '"') {
                raw.append('"');
                field.append('"');
                continue;
            }
            if (after != ',' && after != '\r' && after != '\n' && after != EOF) {
                problems.add(line, "text after the closing quote of a field");
                return unquoted(after, raw, field);
            }
            return after;
        }
    }

    private void lineEnd(int c, int first) throws IOException {
        if (c == EOF) {
            problems.add(first, "the last row does not end with CRLF");
        } else if (c == '\n') {
            problems.add(line, "the line ends with LF alone; lines end with CRLF");
            line++;
        } else {
            int next = read();
            if (next != '\n') {
                problems.add(line, "the line ends with CR alone; lines end with CRLF");
                pushedBack = next;
            }
            line++;
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        return buffer[position++];
    }
}
