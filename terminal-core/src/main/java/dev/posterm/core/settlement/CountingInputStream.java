package dev.posterm.core.settlement;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes that pass into {@code size[0]}: the CSV's size as read, in the same single pass. */
final class CountingInputStream extends FilterInputStream {
    private final long[] size;

    CountingInputStream(InputStream in, long[] size) {
        super(in);
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            size[0]++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            size[0] += n;
        }
        return n;
    }
}
