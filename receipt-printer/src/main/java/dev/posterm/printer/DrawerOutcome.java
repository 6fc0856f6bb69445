package dev.posterm.printer;

/** What became of a request to open the cash drawer (a pulse on the printer's drawer connector). */
public sealed interface DrawerOutcome {

    /** The pulse was written to the printer's line. Whether a drawer is wired there, the printer cannot tell. */
    record Kicked() implements DrawerOutcome {
    }

    /** The pulse could not be written (the line is gone); the cashier opens the drawer by key. */
    record NotKicked(String reason) implements DrawerOutcome {
    }
}
