package dev.posterm.simulator.acquirer;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An ISO 8583 message as text fields: the MTI and field number to value. Mutable, confined to
 * one thread at a time. {@link #toString()} leaves out card data (fields 2, 14, 35, 55).
 */
public final class IsoMessage {
    private final String mti;
    private final SortedMap<Integer, String> fields = new TreeMap<>();

    public IsoMessage(String mti) {
        this.mti = mti;
    }

    public String mti() {
        return mti;
    }

    /** The request type a repeat belongs to: 0221 -> 0220, 0401 -> 0400. */
    public String type() {
        return mti.substring(0, 3) + "0";
    }

    /** The response MTI: 0200 -> 0210, 0221 -> 0230, 0401 -> 0410. */
    public String responseMti() {
        return mti.substring(0, 2) + (char) (mti.charAt(2) + 1) + "0";
    }

    public IsoMessage set(int field, String value) {
        fields.put(field, value);
        return this;
    }

    public String get(int field) {
        return fields.get(field);
    }

    public boolean has(int field) {
        return fields.containsKey(field);
    }

    /** Copies each of {@code numbers} present in {@code from} (an answer echoing its request). */
    public IsoMessage echo(IsoMessage from, int... numbers) {
        for (int n : numbers) {
            if (from.has(n)) {
                set(n, from.get(n));
            }
        }
        return this;
    }

    public Map<Integer, String> fields() {
        return java.util.Collections.unmodifiableSortedMap(fields);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(mti);
        fields.forEach((n, v) -> s.append(' ').append(n).append('=')
                .append(n == 2 || n == 14 || n == 35 || n == 55 ? "<" + v.length() + " chars>" : v));
        return s.toString();
    }
}
