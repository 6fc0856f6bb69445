package dev.posterm.core.hostlink;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An ISO 8583:1987 message as our code sees it: an MTI and field values as text, exactly as
 * they travel in the host profile (every field ASCII). The codec adapter turns it into bytes with
 * j8583; no other class knows j8583.
 *
 * <p>{@link #toString()} masks field 2 (PAN), 14 (expiry), 35 (track 2), 45 (track 1), 52 (PIN
 * block) and 55 (ICC data), so a message can be logged whole; raw message bytes are never logged.
 * A received message may hold fields outside the host profile (see {@link HostProfile}): they are
 * kept, so nothing a host sent is lost, and the masking applies to them too.
 */
public final class IsoMessage {
    private static final java.util.Set<Integer> SENSITIVE = java.util.Set.of(2, 14, 35, 45, 52, 55);

    private final String mti;
    private final SortedMap<Integer, String> fields;

    public IsoMessage(String mti, Map<Integer, String> fields) {
        if (mti == null || !mti.matches("\\d{4}")) {
            throw new IllegalArgumentException("MTI must be 4 digits, was " + mti);
        }
        this.mti = mti;
        TreeMap<Integer, String> copy = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (k < 2 || k > 128) {
                throw new IllegalArgumentException("field number " + k + " out of range 2..128");
            }
            copy.put(k, Objects.requireNonNull(v, "field " + k));
        });
        this.fields = Collections.unmodifiableSortedMap(copy);
    }

    public String mti() {
        return mti;
    }

    public SortedMap<Integer, String> fields() {
        return fields;
    }

    public Optional<String> field(int number) {
        return Optional.ofNullable(fields.get(number));
    }

    public boolean has(int number) {
        return fields.containsKey(number);
    }

    /** A copy with one field set (or replaced). */
    public IsoMessage with(int number, String value) {
        TreeMap<Integer, String> copy = new TreeMap<>(fields);
        copy.put(number, value);
        return new IsoMessage(mti, copy);
    }

    /** A copy with another MTI (a repeat: 0220 -> 0221, 0400 -> 0401). */
    public IsoMessage withMti(String newMti) {
        return new IsoMessage(newMti, fields);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsoMessage m && m.mti.equals(mti) && m.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mti, fields);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(mti).append(" {");
        fields.forEach((k, v) -> sb.append(' ').append(k).append('=')
                .append(SENSITIVE.contains(k) ? "[" + v.length() + " masked]" : v));
        return sb.append(" }").toString();
    }
}
