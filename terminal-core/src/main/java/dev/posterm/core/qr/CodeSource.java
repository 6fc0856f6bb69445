package dev.posterm.core.qr;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.drivers.scanner.ScanResult;
import dev.posterm.drivers.scanner.Scanner;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a QR payment's code comes from when the request brings none: the next scan of the
 * counter's scanner, waited for at most {@code wait}. Refused with its own error when there is no
 * scanner, it is unplugged, or nothing is scanned in time.
 */
public final class CodeSource {
    private final Optional<Scanner> scanner;
    private final Duration wait;

    /** Whether the scanner is connected now; empty when there is none. */
    public Optional<Boolean> connected() {
        return scanner.map(Scanner::connected);
    }

    public CodeSource(Optional<Scanner> scanner, Duration wait) {
        this.scanner = scanner;
        this.wait = wait;
    }

    public static CodeSource none() {
        return new CodeSource(Optional.empty(), Duration.ZERO);
    }

    /** The next scanned text (not yet checked to be a payment code). */
    String next() throws Refused {
        if (scanner.isEmpty()) {
            throw new Refused(ErrorCode.QR_NO_SCANNER, "no qrCode in the request and no [scanner] configured");
        }
        try {
            return switch (scanner.get().next(wait)) {
                case ScanResult.Scanned s -> s.scan().text();
                case ScanResult.NothingScanned n -> throw new Refused(ErrorCode.QR_NO_CODE,
                        "nothing scanned within " + wait.toSeconds() + " s");
                case ScanResult.Unavailable u -> throw new Refused(ErrorCode.QR_NO_SCANNER,
                        "the scanner is unavailable: " + u.why());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(ErrorCode.QR_NO_CODE, "interrupted while waiting for a scan");
        }
    }
}
