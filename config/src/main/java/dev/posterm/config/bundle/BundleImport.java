package dev.posterm.config.bundle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A bundle into the config file: checked, and only if accepted written over the file (the previous
 * kept). The file part of applying a bundle; taking the new configuration live, the rollback and
 * the journal of attempts belong to the controller and wrap this.
 */
public final class BundleImport {

    private BundleImport() {
    }

    /**
     * @return the outcome; when {@link BundleOutcome.Accepted} the config file now holds the
     *         bundle's exact bytes, when refused nothing was written
     * @throws IOException the accepted bundle could not be written: the config file is unchanged
     */
    public static BundleOutcome intoFile(Path configFile, Bundle bundle, RunningTerminal running) throws IOException {
        BundleOutcome outcome = BundleCheck.check(bundle, running, configFile).outcome();
        if (outcome instanceof BundleOutcome.Accepted accepted) {
            ConfigFile.replace(configFile, accepted.bundle().toml());
        }
        return outcome;
    }
}
