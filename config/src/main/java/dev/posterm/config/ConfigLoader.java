package dev.posterm.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates a TOML config file into a {@link PostermConfig}.
 *
 * <p>Every key is checked in one pass and every problem is reported at once, each with its dotted
 * key path and its line (0 for a missing key), in file order. Unknown tables and unknown keys are
 * problems, so a typo is never silently ignored; a bad value is rejected, never corrected; a
 * default applies only to a key that is absent. A TOML syntax error stops the reading and is
 * reported alone, with the line the parser gives. {@code docs/configuration.md} lists every key.
 */
public final class ConfigLoader {

    static final Set<String> TABLES = Set.of("terminal", "data", "host", "reader", "printer", "modem", "api",
            "offline", "orders", "gpio", "log", "saf", "link", "bundle", "config", "wallet", "scanner", "batch",
            "settlement", "alerts");

    private ConfigLoader() {
    }

    /**
     * Loads {@code file} (UTF-8), validating every key at once.
     *
     * @throws ConfigException listing every problem with its key path and line
     */
    public static PostermConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, List.of(new ConfigProblem("", 0, "is not UTF-8 text")));
        } catch (IOException e) {
            throw new ConfigException(file, List.of(new ConfigProblem("", 0, "cannot be read: " + e)));
        }
        return parse(text, file);
    }

    /** Parses TOML text (for tests and the demo, which writes its config); {@code origin} names it in reports. */
    public static PostermConfig parse(String toml, Path origin) throws ConfigException {
        TomlReader.Result result = TomlReader.read(toml);
        KeyLines keyLines = KeyLines.scan(toml);
        if (result instanceof TomlReader.SyntaxError error) {
            ConfigProblem problem = error.problem().message().contains("Duplicate key")
                    ? keyLines.duplicate().orElse(error.problem()) : error.problem();
            throw new ConfigException(origin, List.of(problem));
        }
        TomlValue.Table root = ((TomlReader.Parsed) result).document();
        Problems problems = new Problems(keyLines);
        rejectUnknownRootEntries(root, problems);
        PostermConfig config = read(root, problems, origin.toAbsolutePath().normalize().getParent());
        if (problems.any()) {
            throw new ConfigException(origin, problems.inFileOrder());
        }
        return config;
    }

    private static PostermConfig read(TomlValue.Table root, Problems problems, Path base) {
        Sections sections = new Sections(root, problems, base);
        PostermConfig config = new PostermConfig(
                TerminalSections.terminal(sections.get("terminal")),
                TerminalSections.data(sections.get("data")),
                LinkSections.host(sections.get("host")),
                DeviceSections.serial(sections.get("reader"), 115_200, "where the card reader is attached"),
                DeviceSections.serial(sections.get("printer"), 19_200, "where the receipt printer is attached"),
                DeviceSections.modem(sections.get("modem")),
                LinkSections.api(sections.get("api")),
                OfflineSections.offline(sections.get("offline")),
                TerminalSections.orders(sections.get("orders")),
                DeviceSections.gpio(sections.get("gpio")),
                TerminalSections.log(sections.get("log")),
                OfflineSections.saf(sections.get("saf")),
                OfflineSections.link(sections.get("link")),
                ChangeSections.bundle(sections.get("bundle"), root.entries().containsKey("bundle")),
                ChangeSections.rollback(sections.get("config")),
                root.entries().get("wallet") instanceof TomlValue.Table
                        ? Optional.of(WalletSections.wallet(sections.get("wallet"))) : Optional.empty(),
                WalletSections.scanner(sections.get("scanner")),
                BatchSections.batch(sections.get("batch")),
                BatchSections.settlement(sections.get("settlement")),
                BatchSections.alerts(sections.get("alerts")));
        sections.rejectUnknownKeys();
        return config;
    }

    private static void rejectUnknownRootEntries(TomlValue.Table root, Problems problems) {
        for (Map.Entry<String, TomlValue> entry : root.entries().entrySet()) {
            String name = entry.getKey();
            if (!TABLES.contains(name)) {
                problems.at(name, (entry.getValue() instanceof TomlValue.Table ? "unknown table" : "unknown key")
                        + " (misspelt, or not a posterm setting; tables are " + String.join(", ", sorted()) + ")");
            } else if (!(entry.getValue() instanceof TomlValue.Table)) {
                problems.at(name, "must be a table [" + name + "], was " + entry.getValue().kind());
            }
        }
    }

    private static List<String> sorted() {
        return TABLES.stream().sorted().toList();
    }

    /** The known tables of the file, each read once; an absent table reads as empty. */
    private static final class Sections {
        private final TomlValue.Table root;
        private final Problems problems;
        private final Path base;
        private final List<Section> opened = new ArrayList<>();

        Sections(TomlValue.Table root, Problems problems, Path base) {
            this.root = root;
            this.problems = problems;
            this.base = base;
        }

        Section get(String name) {
            TomlValue value = root.entries().get(name);
            TomlValue.Table table = value instanceof TomlValue.Table t ? t : new TomlValue.Table(Map.of());
            Section section = new Section(name, table, problems, base);
            opened.add(section);
            return section;
        }

        void rejectUnknownKeys() {
            opened.forEach(Section::rejectUnknownKeys);
        }
    }
}
