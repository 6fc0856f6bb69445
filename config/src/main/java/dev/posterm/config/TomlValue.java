package dev.posterm.config;

import java.util.Map;

/**
 * A TOML value as the validator sees it, independent of the parsing library. Only the shapes
 * our keys use are distinguished; everything else is {@link Other}, kept just to name its type
 * in a problem report.
 */
sealed interface TomlValue {

    /** How a problem message names this value's type: "a string", "an integer"... */
    String kind();

    record Text(String value) implements TomlValue {
        @Override
        public String kind() {
            return "a string";
        }
    }

    record Int(long value) implements TomlValue {
        @Override
        public String kind() {
            return "an integer";
        }
    }

    record Bool(boolean value) implements TomlValue {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    /** A table; keys in file order. */
    record Table(Map<String, TomlValue> entries) implements TomlValue {
        @Override
        public String kind() {
            return "a table";
        }
    }

    /** An array, its items in file order. */
    record Array(java.util.List<TomlValue> items) implements TomlValue {
        @Override
        public String kind() {
            return "an array";
        }
    }

    /** A float, a date-time or an integer beyond 64 bits: nothing our keys accept. */
    record Other(String kind) implements TomlValue {
    }
}
