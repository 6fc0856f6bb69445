package dev.posterm.config.bundle;

import dev.posterm.config.ConfigProblem;
import dev.posterm.config.PostermConfig;

import java.util.List;

/** What a terminal makes of a bundle: it takes it, or refuses it for one of the spec's reasons. */
public sealed interface BundleOutcome {

    /**
     * Every check held.
     *
     * @param config   the bundle's configuration, fully validated
     * @param version  its {@code bundle.version}
     * @param signedBy the trusted key file whose key verified the signature
     * @param bundle   the bundle itself: its exact bytes are what replaces the config file
     */
    record Accepted(PostermConfig config, long version, String signedBy, Bundle bundle) implements BundleOutcome {
        /** Without the configuration: it holds the API tokens and keys, which no log may show. */
        @Override
        public String toString() {
            return "Accepted[version " + version + " signed by " + signedBy + ", " + bundle + "]";
        }
    }

    /**
     * A check failed.
     *
     * @param code     the spec's error code
     * @param message  what is wrong, in English, for the technician; never a secret of the file
     * @param problems for {@link Refusal#BUNDLE_INVALID}: every problem with its key and line; else empty
     */
    record Refused(Refusal code, String message, List<ConfigProblem> problems) implements BundleOutcome {
        public Refused {
            problems = List.copyOf(problems);
        }

        Refused(Refusal code, String message) {
            this(code, message, List.of());
        }

        @Override
        public String toString() {
            return code + ": " + message;
        }
    }
}
