package dev.posterm.simulator.printer;

/**
 * One printed line as the printer decoded it, with the print modes in effect when it was printed
 * (the modes at the line feed: a line that mixes modes shows the last ones).
 *
 * @param align 0 left, 1 centre, 2 right (ESC a)
 * @param width character width multiplier 1..8 (GS ! high nibble + 1, or ESC ! bit 5)
 * @param height character height multiplier 1..8 (GS ! low nibble + 1, or ESC ! bit 4)
 */
public record PrintedLine(String text, int align, boolean bold, int width, int height) {
    @Override
    public String toString() {
        return text;
    }
}
