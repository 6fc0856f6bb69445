package dev.posterm.drivers.reader.message;

/**
 * A controller-to-reader message ready to be framed; the link gives it a SEQ.
 * {@link #toString()} shows the type and size only.
 *
 * @param type {@code P}, {@code S}, {@code A}, {@code X} or {@code D}
 * @param body BER-TLV
 */
public record Command(char type, byte[] body) {
    public Command {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.type == type && java.util.Arrays.equals(c.body, body);
    }

    @Override
    public int hashCode() {
        return type * 31 + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Command[" + type + ", " + body.length + " body bytes]";
    }
}
