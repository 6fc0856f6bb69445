package dev.posterm.drivers.scanner;

/** What {@link ScanFramer} found in the scanner's bytes. */
public sealed interface ScanFrame {

    /** One complete code, without its line end. May be a payment code: never log it whole. */
    record Code(String text) implements ScanFrame {
        @Override
        public String toString() {
            return "Code[" + Scan.mask(text) + "]";
        }
    }

    /** A line thrown away, and why (too long, a byte no scanner sends in a code, cut off by silence). */
    record Discarded(String why, int bytes) implements ScanFrame {
    }
}
