package dev.posterm.printer.escpos;

/** The pin of the printer's drawer kick-out connector a cash drawer is wired to (ESC p m). */
public enum DrawerPin {
    /** Pin 2: the usual one, and the only one of a single-drawer cable. */
    PIN_2(0),
    /** Pin 5: a second drawer. */
    PIN_5(1);

    private final int m;

    DrawerPin(int m) {
        this.m = m;
    }

    /** The m of ESC p. */
    public int m() {
        return m;
    }
}
