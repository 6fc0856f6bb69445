package dev.posterm.drivers.scanner;

/** What waiting for the next scan gave. */
public sealed interface ScanResult {

    record Scanned(Scan scan) implements ScanResult {
    }

    /** Nothing was scanned in time. */
    record NothingScanned() implements ScanResult {
    }

    /** The scanner's line is down (unplugged, the serial server gone); the driver keeps reopening it. */
    record Unavailable(String why) implements ScanResult {
    }
}
