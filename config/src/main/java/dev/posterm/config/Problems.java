package dev.posterm.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one file, each placed on its line. */
final class Problems {

    private final KeyLines lines;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(KeyLines lines) {
        this.lines = lines;
    }

    /** Something wrong with a key present in the file: reported on its line. */
    void at(String path, String message) {
        found.add(new ConfigProblem(path, lines.lineOf(path), message));
    }

    /** A required key that is absent: it has no line. */
    void missing(String path, String message) {
        found.add(new ConfigProblem(path, 0, message));
    }

    boolean any() {
        return !found.isEmpty();
    }

    /** In file order, so a technician can fix them top to bottom; missing keys last. */
    List<ConfigProblem> inFileOrder() {
        Comparator<ConfigProblem> byLine = Comparator.comparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line());
        List<ConfigProblem> sorted = new ArrayList<>(found);
        sorted.sort(byLine); // stable: problems on one line keep the order they were found in
        return sorted;
    }
}
