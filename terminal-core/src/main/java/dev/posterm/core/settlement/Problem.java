package dev.posterm.core.settlement;

import java.nio.file.Path;

/**
 * One thing that does not hold in a settlement file, where it is (line 1 is the CSV's header or the
 * manifest's first line; 0: the file as a whole) and what. Never quotes card data.
 */
public record Problem(Path file, int line, String what) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + what : file + ": " + what;
    }
}
