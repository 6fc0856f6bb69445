package dev.posterm.core.cli;

import dev.posterm.core.settlement.Problem;
import dev.posterm.core.settlement.SettlementVerifier;
import dev.posterm.core.settlement.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posterm settlements}: the back office's settlement files (settlement-file.md). */
@Command(name = "settlements", description = "Settlement files: list them (list) and check them (verify).",
        subcommands = {SettlementsCommand.Verify.class, SettlementsList.class})
final class SettlementsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code posterm settlements verify FILE...}: needs no configuration, so it runs on any machine
     * the files are copied to. Each FILE is a settlement CSV or its manifest (the other is found
     * beside it). Files of one terminal given together are also checked as a chain, in batch order.
     * Exit 0 when everything holds, 1 when anything does not.
     */
    @Command(name = "verify", description = "Check settlement files (CSV and manifest) and list every problem,"
            + " with file and line; files of one terminal given together are checked as one chain.")
    static final class Verify implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "settlement-<terminal>-<batch>.csv or .json")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<Path, Verdict> verdicts = new LinkedHashMap<>();
            for (Path file : files) {
                Verdict v = SettlementVerifier.verify(file);
                verdicts.putIfAbsent(v.csv(), v);   // a CSV and its manifest both given: checked once
            }
            Map<Path, List<Problem>> across = chains(List.copyOf(verdicts.values()));
            int bad = 0;
            int problems = 0;
            for (Verdict v : verdicts.values()) {
                List<Problem> all = new ArrayList<>(v.problems());
                all.addAll(across.getOrDefault(v.csv(), List.of()));
                if (all.isEmpty()) {
                    out.println(v.csv() + ": OK (" + v.rows() + " rows" + v.batch().map(b -> String.format(
                            ", batch %06d", b)).orElse("") + v.terminalId().map(t -> " of terminal " + t).orElse("")
                            + ")");
                } else {
                    bad++;
                    problems += all.size();
                    all.forEach(out::println);
                }
            }
            if (bad > 0) {
                out.println(problems + " problem(s) in " + bad + " of " + verdicts.size() + " settlement file(s)");
            }
            out.flush();
            return bad == 0 ? 0 : 1;
        }

        /** The chain across files: each terminal's files in batch order, each against the one before. */
        private static Map<Path, List<Problem>> chains(List<Verdict> verdicts) {
            Map<String, List<Verdict>> byTerminal = new LinkedHashMap<>();
            for (Verdict v : verdicts) {
                if (v.terminalId().isPresent() && v.batch().isPresent()) {
                    byTerminal.computeIfAbsent(v.terminalId().get(), t -> new ArrayList<>()).add(v);
                }
            }
            Map<Path, List<Problem>> found = new LinkedHashMap<>();
            for (List<Verdict> chain : byTerminal.values()) {
                chain.sort(Comparator.comparing(v -> v.batch().get()));
                for (int i = 1; i < chain.size(); i++) {
                    List<Problem> p = SettlementVerifier.continuity(chain.get(i - 1), chain.get(i));
                    if (!p.isEmpty()) {
                        found.computeIfAbsent(chain.get(i).csv(), k -> new ArrayList<>()).addAll(p);
                    }
                }
            }
            return found;
        }
    }
}
