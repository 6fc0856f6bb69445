package dev.posterm.core.bundle;

import dev.posterm.config.PostermConfig;
import dev.posterm.config.bundle.Bundle;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.ConfigTable;
import java.io.IOException;
import java.util.List;

/** What the local API may ask about the configuration: {@code /api/v1/config} (docs/api.md). */
public interface ConfigDesk {

    /** A bundle posted over the API: see {@link BundleDesk#submit}. */
    Intake submit(Bundle bundle, Source source) throws Refused, IOException;

    /** The version running, since when, from where, and whether it is still being applied. */
    ConfigTable.Running running();

    /** The configuration the controller runs now. */
    PostermConfig config();

    /** Every attempt, newest first. */
    List<ConfigTable.Attempt> history();

    /** True while a configuration is being taken: new payments wait. */
    boolean applying();
}
