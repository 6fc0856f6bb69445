package dev.posterm.core.api;

import java.util.Optional;

/**
 * One byte range of a {@code Range} header (RFC 9110 section 14.1.2), resolved against a file's size:
 * <pre>
 * bytes=0-499    the first 500 bytes        bytes=500-   from byte 500 to the end
 * bytes=-500     the last 500 bytes         bytes=9500-99999  cut to the end of a 10,000-byte file
 * </pre>
 * Several ranges, another unit, or a header that does not parse are {@link Ignored}: RFC 9110 lets a
 * server answer those with the whole file (200), which is what a back office script can always use.
 */
sealed interface ByteRange {
    /** Bytes {@code first..last} inclusive. */
    record Slice(long first, long last) implements ByteRange {
        long length() {
            return last - first + 1;
        }
    }

    /** No byte of the range is in the file: 416 with {@code Content-Range: bytes *}{@code /size}. */
    record Unsatisfiable() implements ByteRange {
    }

    /** Serve the whole file. */
    record Ignored() implements ByteRange {
    }

    static ByteRange parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Ignored();
        }
        String h = header.get().strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return new Ignored();
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Ignored();
        }
        Optional<Long> first = number(spec.substring(0, dash));
        Optional<Long> last = number(spec.substring(dash + 1));
        if (dash == 0) {
            // suffix: the last N bytes; N = 0 asks for nothing
            if (last.isEmpty()) {
                return new Ignored();
            }
            return last.get() == 0 || size == 0 ? new Unsatisfiable()
                    : new Slice(Math.max(0, size - last.get()), size - 1);
        }
        if (first.isEmpty() || (dash < spec.length() - 1 && last.isEmpty())) {
            return new Ignored();
        }
        if (last.isPresent() && last.get() < first.get()) {
            return new Ignored();   // invalid range-spec: RFC 9110 says ignore the header
        }
        if (first.get() >= size) {
            return new Unsatisfiable();
        }
        return new Slice(first.get(), Math.min(last.orElse(size - 1), size - 1));
    }

    private static Optional<Long> number(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }
}
