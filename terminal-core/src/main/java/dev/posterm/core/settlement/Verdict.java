package dev.posterm.core.settlement;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What verifying one settlement file found: every problem, and what its manifest says of its place
 * in the terminal's chain of files (empty where the manifest did not say it readably).
 */
public record Verdict(Path csv, Path manifest, Optional<String> terminalId, Optional<Integer> batch,
                      Optional<String> chainStart, int chainStartLine, Optional<String> chainHead, long rows,
                      List<Problem> problems) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
