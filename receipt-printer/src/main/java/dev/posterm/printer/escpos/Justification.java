package dev.posterm.printer.escpos;

/** The {@code n} of ESC a n. */
public enum Justification {
    LEFT(0), CENTER(1), RIGHT(2);

    private final int n;

    Justification(int n) {
        this.n = n;
    }

    public int n() {
        return n;
    }
}
