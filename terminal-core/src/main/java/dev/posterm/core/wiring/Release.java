package dev.posterm.core.wiring;

/** Which posterm this is: for the start log line, {@code GET /status} and {@code posterm --version}. */
public final class Release {
    private Release() {
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    public static String version() {
        String v = Release.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
